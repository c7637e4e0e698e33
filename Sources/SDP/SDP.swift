// SDP — being written.
