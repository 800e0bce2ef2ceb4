"""Pure-Python rules for enforcement documents. No Qt here.

Every rule returns findings of one shape, ``{path, code, severity, message}`` (see ``findings``).
``validate(schema, answers, context)`` in ``engine`` runs a document kind's schema and rules.
"""
