/**
 * Makes the live DOM look like a freshly rendered tree, in place, as the markdown preview does:
 * nodes that did not change stay the same nodes, so the scroll position, the focus, an open
 * list sheet and a loaded image survive an update. Children are paired by position — the
 * renderer's elements are keyed by JSON pointers, which are positional too (message index,
 * button index…), so position is the key. The rendered tree carries no listeners (the chat
 * listens by delegation), so a kept node never holds a stale handler.
 *
 * morphdom (npm) does the same with id-keyed moves; our trees need none, and these 40 lines
 * keep the webview free of dependencies.
 */

/** Patches `live` to equal `next`; returns the node now in the document (`live`, or `next` if it had to replace it). */
export function patch(live: Node, next: Node): Node {
  if (live.nodeType !== next.nodeType || live.nodeName !== next.nodeName) {
    live.parentNode?.replaceChild(next, live);
    return next;
  }
  if (live.nodeType !== 1 /* ELEMENT_NODE */) {
    if (live.nodeValue !== next.nodeValue) live.nodeValue = next.nodeValue;
    return live;
  }
  // Native and fast: an unchanged subtree (most of them, while typing) is not walked in script.
  if (live.isEqualNode(next)) return live;
  syncAttributes(live as Element, next as Element);
  patchChildren(live, next);
  return live;
}

function syncAttributes(live: Element, next: Element): void {
  for (const { name, value } of Array.from(next.attributes)) {
    if (live.getAttribute(name) !== value) live.setAttribute(name, value);
  }
  for (const { name } of Array.from(live.attributes)) {
    if (!next.hasAttribute(name)) live.removeAttribute(name);
  }
}

/** A loop over siblings, recursion only in depth: a body with 20,000 formatted spans is fine. */
function patchChildren(live: Node, next: Node): void {
  let liveChild = live.firstChild;
  let nextChild = next.firstChild;
  while (nextChild) {
    const following = nextChild.nextSibling;
    if (liveChild) liveChild = patch(liveChild, nextChild).nextSibling;
    else live.appendChild(nextChild);
    nextChild = following;
  }
  while (liveChild) {
    const following = liveChild.nextSibling;
    live.removeChild(liveChild);
    liveChild = following;
  }
}
