"""Foundations that know nothing of records: reading and writing files safely, text safe to print,
glob patterns, forked workers and a checkout's git remotes. Imports nothing else of adrledger
(but errors).
"""
