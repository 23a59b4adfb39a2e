"""The parts of the load and fault test; scripts/loadtest.py runs them (see its docstring).

database: a fresh database per run, and manage.py; server: gunicorn; faults: what --fault
does to it; clients: the simulated people; forms: the HTML forms they fill in; stats: what
they saw; report: the figures and the verdict; run: one run, start to finish.
"""

from pathlib import Path

# Where manage.py is: every command and the server run from here.
ROOT = Path(__file__).resolve().parents[2]
