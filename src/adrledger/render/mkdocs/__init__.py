"""The MkDocs plugin (`plugins: [adrledger]`, entry point `adrledger`): decision records inside a normal
MkDocs or Backstage TechDocs site.

It reads the log through the library (DecisionLog, the lint runner, the relation graph), never
the CLI. `plugin` holds the MkDocs hooks; `logs` finds the decision logs under `docs_dir`;
`header` and `pages` write the Markdown and HTML the plugin adds, and import nothing of MkDocs.
"""
