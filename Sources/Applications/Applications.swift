// Applications — being written.
