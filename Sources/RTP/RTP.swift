// RTP — being written.
