"""Outputs made from the model: JSON, index, graph, site. None of them reads Markdown again."""
