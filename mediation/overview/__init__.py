"""The process overview: where a dialogue process stands, round by round.

`selectors.process_overview` reads everything in a fixed number of queries; the other
modules aggregate what it read, in Python (timeline, trajectory, balance, continuity,
follow-through) and draw it (`charts`, server-rendered SVG). Nothing here writes.
"""
