"""What a screen reader would hear from a page's live regions, recorded in the browser.

A model of what assistive technologies do, as strict as the strictest of them: text added
to a live region that was already on the page is read out; an alert (role="alert")
inserted with text is read out, as every screen reader does; any other live region
inserted with text (as an htmx swap inserts one) is counted as read too, since some screen
readers read those. A change read out twice, or never, is then visible in `heard(page)`.
"""

LISTEN = r"""() => {
  window.__heard = [];
  const live = el => {
    if (!el || el.nodeType !== 1) return false;
    const role = el.getAttribute('role'), polite = el.getAttribute('aria-live');
    return ['alert', 'status', 'log'].includes(role) || (!!polite && polite !== 'off');
  };
  const regionOf = node => {
    for (let el = node.nodeType === 1 ? node : node.parentElement; el; el = el.parentElement)
      if (live(el)) return el;
    return null;
  };
  const words = node => (node.textContent || '').replace(/\s+/g, ' ').trim();
  new MutationObserver(records => {
    const inserted = new Set();
    records.forEach(r => r.addedNodes.forEach(n => inserted.add(n)));
    const isNew = el => {
      for (let e = el; e; e = e.parentNode) if (inserted.has(e)) return true;
      return false;
    };
    records.forEach(r => {
      const added = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
      added.forEach(node => {
        if (!node.isConnected) return;
        const region = regionOf(r.target);
        if (region && !isNew(region)) {
          const by = region.id || region.tagName;
          if (words(node)) window.__heard.push({by, text: words(node)});
          return;
        }
        if (node.nodeType !== 1) return;
        [node, ...node.querySelectorAll('[role], [aria-live]')].filter(live).forEach(el => {
          const by = 'inserted ' + (el.id || el.tagName);
          if (words(el)) window.__heard.push({by, text: words(el)});
        });
      });
    });
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def listen(page) -> None:
    """Start recording what the live regions of the page now shown say."""
    page.evaluate(LISTEN)


def heard(page) -> list[dict]:
    """Everything read out since `listen` or the last `heard`, as {by, text}; then forget it."""
    return page.evaluate(
        "() => { const h = window.__heard || []; window.__heard = []; return h; }"
    )


def assert_heard_once(page, text: str) -> dict:
    """The change was read out exactly once, and nothing else was read out twice: what
    read it out ({by, text})."""
    page.wait_for_timeout(300)  # the announcer speaks 100 ms after a swap settles
    said = heard(page)
    matching = [h for h in said if text in h["text"]]
    assert len(matching) == 1, (text, said)
    texts = [h["text"] for h in said]
    assert len(texts) == len(set(texts)), said
    return matching[0]
