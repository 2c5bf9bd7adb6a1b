"""The researchers' web page: Jinja2 templates, static CSS/JS and the formatting they use."""
