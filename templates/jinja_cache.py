"""Keep the templates docxtpl compiles, instead of compiling the same XML on every render.

docxtpl turns each part of a .docx (body, headers, footers, properties) into a Jinja template with
``env.from_string(xml)`` on every ``render``. For a template file that has not changed the XML is the
same each time, and compiling it was about a third of a document's render time (bench/run.py,
``render``). ``cache_compiled(env)`` makes ``env.from_string`` return the already compiled template for
the same source and the same autoescape setting (docxtpl switches ``env.autoescape`` on, and the
escaping is decided when compiling). Jinja templates can be rendered from several threads at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import jinja2

#: About 8 parts per kind × 20 kinds fit; the least recently used template goes first beyond that.
MAX_ENTRIES = 256


def cache_compiled(env: jinja2.Environment, max_entries: int = MAX_ENTRIES) -> jinja2.Environment:
    """Make ``env.from_string`` reuse compiled templates (in place); returns ``env``."""
    compile_source = env.from_string  # the class's method, bound to env
    cache: OrderedDict[tuple, jinja2.Template] = OrderedDict()
    lock = threading.Lock()

    def from_string(source, globals=None, template_class=None):  # noqa: A002 (jinja's own parameter name)
        if globals is not None or template_class is not None or not isinstance(source, str):
            return compile_source(source, globals, template_class)
        key = (source, env.autoescape)
        with lock:
            template = cache.get(key)
            if template is not None:
                cache.move_to_end(key)
                return template
        template = compile_source(source)
        with lock:
            cache[key] = template
            while len(cache) > max_entries:
                cache.popitem(last=False)
        return template

    from_string.cache = cache  # for inspection in tests and benchmarks
    env.from_string = from_string
    return env
