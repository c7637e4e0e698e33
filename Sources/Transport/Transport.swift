// \(t) — being written.
