"""python-olm as a bot installed without mautrix[encryption] has it: absent.

Put on PYTHONPATH (before site-packages) for one agent process only, this makes `import olm` fail with the same
ModuleNotFoundError an uninstalled extra gives, so mautrix's own import guards decide what the bot does next. The
machine's real python3-olm stays installed for every other agent.
"""

raise ModuleNotFoundError("No module named 'olm'", name="olm")
