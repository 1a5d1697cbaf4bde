-- wrk script, phase 2 of Server/scripts/load-test: one new card payment (R01, 100.00 EUR, an
-- agency PSP's token, as the handler benchmark sends) into each booking phase 1 made; a thread
-- stops when its share of bookings is used up, so no request is a repeat.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
wrk.headers["X-API-Key"] = os.getenv("LOAD_API_KEY")

local template = [[<?xml version="1.0" encoding="UTF-8"?>
<PaymentRequest xmlns="http://string.drv.de/xmlschema/string" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="1.0">
  <AgencyInformation><Agency>123456</Agency><AgentId>17</AgentId></AgencyInformation>
  <BookingId>%s</BookingId>
  <Payments Collection="TourOperator">
    <Payment Identifier="R01" xsi:type="CreditCardPaymentType">
      <PaymentScope>Balance</PaymentScope>
      <FormOfPayment>CreditCard</FormOfPayment>
      <PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaymentAmount>
      <PaymentServiceProvider><Name>PayRhein</Name></PaymentServiceProvider>
      <CashHolder><AssignedToBookingOwner>true</AssignedToBookingOwner></CashHolder>
      <Dates><EntryDate>2026-11-23</EntryDate></Dates>
      <CreditCard><CardType>VISA</CardType><MaskedCardNumber>401288XXXXXX1881</MaskedCardNumber><ExpiryDate>2036-11</ExpiryDate><HolderName>Max Mustermann</HolderName></CreditCard>
      <PCIToken>tok_%d_4f9a0c2e</PCIToken>
      <PCITokenIssuer>PayRhein</PCITokenIssuer>
      <PCIBin>401288</PCIBin>
    </Payment>
  </Payments>
</PaymentRequest>
]]

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local ids, next_id = {}, 1
paid, refused, exhausted = 0, 0, 0 -- globals: done() reads them with thread:get
function init(args)
  local dir = os.getenv("LOAD_IDS_DIR")
  local count = tonumber(os.getenv("LOAD_THREADS"))
  local index = 0
  for t = 1, count do
    local file = io.open(dir .. "/ids-" .. t .. ".txt", "r")
    if file then
      for line in file:lines() do
        index = index + 1
        if index % count == tid - 1 then table.insert(ids, line) end
      end
      file:close()
    end
  end
end

function request()
  local id = ids[next_id]
  if not id then
    exhausted = 1
    wrk.thread:stop()
    id = ids[1] or "none"
  end
  next_id = next_id + 1
  return wrk.format(nil, nil, nil, string.format(template, id, tid * 10000000 + next_id))
end

function response(status, headers, body)
  if status == 200 and body:find("R01", 1, true) and not body:find("<Errors>", 1, true) then
    paid = paid + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_paid, bad, ran_out = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_paid = total_paid + (thread:get("paid") or 0)
    bad = bad + (thread:get("refused") or 0)
    ran_out = ran_out + (thread:get("exhausted") or 0)
  end
  io.write(string.format("load: paid=%d refused=%d\n", total_paid, bad))
  -- A thread that ran out of bookings idles until the end: wrk's requests/s is then too low.
  if ran_out > 0 then io.write("load: exhausted (requests/s understated)\n") end
  io.write(string.format("load: p50=%.2fms p99=%.2fms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
