"""The processes that render: the worker loop (claims a video or a training, runs it, stores the result) and
the supervisor that keeps a pool of them running. They sit above every platform service they call."""
