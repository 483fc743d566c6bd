"""The service: FastAPI routes, the gate (keys, rate limits, uploads, downloads), live reload of new builds, and the
Gradio page (``web``, one module per tab)."""
