"""Operations that change a log: new records, lifecycle transitions, renumbering and adr-tools'
commands, written all-or-nothing through one transaction.
"""
