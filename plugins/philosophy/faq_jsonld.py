"""The schema.org FAQPage description of a Q&A page, as JSON-LD.

The result goes inside ``<script type="application/ld+json">`` as it is: no
text the author wrote (not even ``</script>`` or ``<!--``) can end the script
element, and the JSON still reads back to exactly that text.
"""

from ..shared.contents import ImageFacts
from ..shared.text import script_safe_json
from .model import QAPage


def faq_page_jsonld(
    page_title: str, url: str, qa: QAPage, image: ImageFacts | None = None
) -> str:
    """Return the FAQPage JSON-LD of a Q&A page, safe inside a script element.

    ``url`` is the page's absolute address. Each question is a Question whose
    acceptedAnswer text is the philosophy, then one "Label: explanation" line
    per strategy. ``image`` is the picture the page's link previews show.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": page_title,
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.text,
                "url": f"{url}#{question.slug}",
                "acceptedAnswer": {"@type": "Answer", "text": question.answer_text},
            }
            for question in qa.questions
        ],
    }
    if image:
        data["image"] = image.schema_org()
    return script_safe_json(data)
