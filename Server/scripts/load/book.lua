-- wrk script, phase 1 of Server/scripts/load-test: every request books a new booking
-- (BookingRequest, trigger Book, a deposit collected by the agency; the lead traveller's email
-- differs per request, since the handler answers an identical request again as the repeat it is)
-- and every answered booking identifier is written to LOAD_IDS_DIR/ids-THREAD.txt for phase 2.
local body = [[<?xml version="1.0" encoding="UTF-8"?>
<BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
  <AgencyInformation><Agency>123456</Agency><AgentId>17</AgentId></AgencyInformation>
  <RequestTrigger>Book</RequestTrigger>
  <Travellers>
    <Traveller Identifier="T1"><Salutation>Herr</Salutation><Prename>Max</Prename><Surname>Mustermann</Surname><BirthDate>1980-04-12</BirthDate><Email>max.mustermann.%d@example.de</Email></Traveller>
    <Traveller Identifier="T2"><Salutation>Frau</Salutation><Prename>Erika</Prename><Surname>Mustermann</Surname><BirthDate>1982-09-03</BirthDate></Traveller>
  </Travellers>
  <BookingDetails><BookingOwner>T1</BookingOwner><StartDate>2027-06-14</StartDate><EndDate>2027-06-28</EndDate></BookingDetails>
  <Prices><TotalPrice><Amount>3456.00</Amount><Currency>EUR</Currency></TotalPrice></Prices>
  <Services><Service Type="Hotel" Code="PMI-4711">Hotel Cala Blava, Familienzimmer, 14 Nächte</Service></Services>
  <Payments>
    <Payment Identifier="DEP" Collection="Agency">
      <PaymentScope>Deposit</PaymentScope>
      <PaymentAmount><Amount>691.20</Amount><Currency>EUR</Currency></PaymentAmount>
      <CashHolder><AssignedToBookingOwner>true</AssignedToBookingOwner></CashHolder>
      <Dates><EntryDate>2026-11-23</EntryDate></Dates>
    </Payment>
  </Payments>
</BookingRequest>
]]

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
wrk.headers["X-API-Key"] = os.getenv("LOAD_API_KEY")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local out, sequence = nil, 0
written, refused = 0, 0 -- globals: done() reads them with thread:get
function init(args)
  out = assert(io.open(os.getenv("LOAD_IDS_DIR") .. "/ids-" .. tid .. ".txt", "w"))
end

function request()
  sequence = sequence + 1
  return wrk.format(nil, nil, nil, string.format(body, tid * 10000000 + sequence))
end

function response(status, headers, body)
  local id = status == 200 and body:match("<BookingId>([^<]+)</BookingId>")
  if id and not body:find("<Errors>", 1, true) then
    out:write(id, "\n")
    written = written + 1
    if written % 100 == 0 then out:flush() end
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local booked, bad = 0, 0
  for _, thread in ipairs(threads) do
    booked = booked + (thread:get("written") or 0)
    bad = bad + (thread:get("refused") or 0)
  end
  io.write(string.format("load: booked=%d refused=%d\n", booked, bad))
  io.write(string.format("load: p50=%.2fms p99=%.2fms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
