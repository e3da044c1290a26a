"""The legal tests of the checklist items, grouped by subject; importing this package registers them.

Each test is ``@rule(name)``-registered (``audit.rules.registry``), returns an ``Outcome`` (ways, named
dates, notes with facts) and contains no Danish prose (that is in ``audit.rules.wording``).
"""

from audit.rules.items import afgoerelse, kontakt, sanktion, vejledning  # noqa: F401
