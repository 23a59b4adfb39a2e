"""Outcome documents and the transfer log: what a process produced and what reached officials."""
