"""A log's files known by their names alone: what a name says, the log's naming convention, which
files are records and which are templates. No file is opened here.
"""
