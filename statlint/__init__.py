"""statlint: check the statistics in policy and research reports before readers trust them.

Data flows one way: read -> normalize -> structure -> extract -> validate -> load -> check -> report.
"""

__version__ = "0.1.0"
