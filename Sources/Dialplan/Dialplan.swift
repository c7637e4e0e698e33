// Dialplan — being written.
