// The payment ledger engine and the STRING message handler (issue 4, in progress).
