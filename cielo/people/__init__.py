"""Between people, below everything they make: who blocked whom, and the notifications they receive.

Videos, cameos, the queue and the social app all block and notify; keeping both here, just above accounts,
lets each of them do so without importing the others.
"""
