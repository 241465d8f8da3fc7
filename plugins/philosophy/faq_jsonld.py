"""The schema.org FAQPage description of a Q&A page, as JSON-LD.

The result goes inside ``<script type="application/ld+json">`` as it is: ``<``,
``>`` and ``&`` are written as JSON escapes, so no text the author wrote (not
even ``</script>`` or ``<!--``) can end the script element, and the JSON still
reads back to exactly that text.
"""

import json

from .questions import QAPage

# Characters that mean something to an HTML parser inside <script>, and the
# line separators that older JavaScript parsers refuse in strings.
_SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def faq_page_jsonld(page_title: str, url: str, qa: QAPage) -> str:
    """Return the FAQPage JSON-LD of a Q&A page, safe inside a script element.

    ``url`` is the page's absolute address ("" leaves addresses out). Each
    question is a Question whose acceptedAnswer text is the philosophy, then
    one "Label: explanation" line per strategy.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": page_title,
        **({"url": url} if url else {}),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.text,
                **({"url": f"{url}#{question.slug}"} if url else {}),
                "acceptedAnswer": {"@type": "Answer", "text": question.answer_text},
            }
            for question in qa.questions
        ],
    }
    return script_safe_json(data)


def script_safe_json(data: object) -> str:
    """Return data as JSON that an HTML parser cannot end or comment out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)
