"""Attribution extraction over parsed sentences: quotations, cues, sources, contents."""
