// Comments on the story's screens (form, compare, history): loads the threads,
// puts each beside its field, marks commented phrases, turns a selection in a
// field into a new thread, and completes @mentions. Words come from the
// template (data-* attributes); the server draws the threads.
"use strict";
{
    const panel = document.querySelector("[data-comments-panel]");
    const list = panel && panel.querySelector("[data-comments-list]");
    const csrf = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value
        || (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
    const PREFIX = 32;
    const MENTIONS = "[data-mentions], textarea[name$=request_changes-comment]";

    // Where a field is on this screen: the form's field, or compare's "after" side.
    const fieldBox = (field) => {
        if (panel.dataset.screen === "compare") {
            const section = document.querySelector(`section[aria-labelledby="diff-${CSS.escape(field)}"]`);
            return section && (section.querySelector(".diff-side:last-child .diff-text") || section.querySelector(".diff-text"));
        }
        return document.querySelector(`.story-field--${CSS.escape(field)}`);
    };
    const textRoot = (field) => {
        const box = fieldBox(field);
        if (!box) return null;
        return box.querySelector(".ProseMirror[contenteditable]") || (box.matches(".diff-text") ? box : null);
    };

    // Text nodes of ``root`` with their offsets in its textContent.
    const textNodes = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let at = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push({node, start: at});
            at += node.data.length;
        }
        return nodes;
    };
    const rangeAt = (root, start, end) => {
        const nodes = textNodes(root);
        const find = (offset) => {
            for (const item of nodes) {
                if (offset <= item.start + item.node.data.length) return [item.node, offset - item.start];
            }
            return null;
        };
        const from = find(start), to = find(end);
        if (!from || !to) return null;
        const range = document.createRange();
        range.setStart(...from);
        range.setEnd(...to);
        return range;
    };
    // The phrase in the field as shown: the occurrence of its text nearest where the server says it is.
    const phraseRange = (thread) => {
        const root = textRoot(thread.dataset.field);
        const quote = thread.dataset.quote;
        if (!root || !quote) return null;
        const text = root.textContent;
        const wanted = Number(thread.dataset.start) || 0;
        let best = -1;
        for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
            if (best === -1 || Math.abs(at - wanted) < Math.abs(best - wanted)) best = at;
        }
        return best === -1 ? null : rangeAt(root, best, best + quote.length);
    };

    const mark = () => {
        if (!window.CSS || !CSS.highlights) return;
        const open = [], resolved = [];
        for (const thread of document.querySelectorAll("[data-thread][data-quote]")) {
            const range = phraseRange(thread);
            if (range) (thread.classList.contains("comment-thread--resolved") ? resolved : open).push(range);
        }
        CSS.highlights.set("comment-open", new Highlight(...open));
        CSS.highlights.set("comment-resolved", new Highlight(...resolved));
    };

    // Each thread beside its field (on the form), the others in the panel.
    const place = () => {
        for (const old of document.querySelectorAll("[data-comments-beside]")) old.remove();
        if (panel.dataset.screen !== "form") return;
        for (const thread of list.querySelectorAll("[data-thread]")) {
            const field = thread.dataset.field;
            const box = field && fieldBox(field);
            if (!box) continue;
            let beside = box.querySelector("[data-comments-beside]");
            if (!beside) {
                beside = document.createElement("ol");
                beside.className = "comments-threads comments-beside";
                beside.dataset.commentsBeside = field;
                box.append(beside);
            }
            beside.append(thread);
        }
    };

    const draw = (html) => {
        list.innerHTML = html;
        place();
        mark();
    };
    const load = async () => {
        const response = await fetch(panel.dataset.url, {headers: {"X-Requested-With": "fetch"}, credentials: "same-origin"});
        if (response.ok) draw(await response.text());
    };

    const post = async (url, fields, button) => {
        const body = new FormData();
        for (const [name, value] of Object.entries(fields)) body.append(name, value);
        body.append("screen", panel.dataset.screen);
        body.append("revision", panel.dataset.revision);
        if (button) button.disabled = true;
        try {
            const response = await fetch(url, {
                method: "POST", body, credentials: "same-origin",
                headers: {"X-CSRFToken": csrf(), "X-Requested-With": "fetch"},
            });
            if (response.ok || response.status === 400) {
                draw(await response.text());
                return;
            }
            throw new Error(String(response.status));
        } catch (error) {
            if (button) button.disabled = false;
            window.alert(panel.dataset.textFailed);
        }
    };

    // Selecting words in a field offers to comment on them.
    const offer = document.createElement("button");
    offer.type = "button";
    offer.className = "button comments-offer";
    offer.hidden = true;
    offer.textContent = panel ? panel.dataset.textComment : "";
    let chosen = null;

    const fieldOf = (node) => {
        const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
        const box = element && element.closest(".story-field");
        if (!box) return null;
        const name = [...box.classList].find((name) => name.startsWith("story-field--") && name !== "story-field--checkbox");
        return name ? {box, field: name.slice("story-field--".length)} : null;
    };
    const selectionInField = () => {
        const active = document.activeElement;
        if (active && (active.tagName === "TEXTAREA" || active.tagName === "INPUT") && fieldOf(active)
            && !active.closest("[data-comments-panel], [data-comments-beside]")) {
            const {selectionStart: start, selectionEnd: end, value} = active;
            if (start == null || end <= start) return null;
            return {field: fieldOf(active).field, quote: value.slice(start, end), prefix: value.slice(Math.max(0, start - PREFIX), start),
                    position: start, rect: active.getBoundingClientRect()};
        }
        const selection = window.getSelection();
        if (!selection.rangeCount || selection.isCollapsed) return null;
        const range = selection.getRangeAt(0);
        const where = fieldOf(range.commonAncestorContainer);
        const root = where && where.box.querySelector(".ProseMirror[contenteditable]");
        if (!root || !root.contains(range.commonAncestorContainer)) return null;
        const before = document.createRange();
        before.setStart(root, 0);
        before.setEnd(range.startContainer, range.startOffset);
        const prefix = before.toString();
        return {field: where.field, quote: range.toString(), prefix: prefix.slice(-PREFIX), position: prefix.length,
                rect: range.getBoundingClientRect()};
    };
    const showOffer = () => {
        const found = selectionInField();
        if (!found || !found.quote.trim()) {
            offer.hidden = true;
            return;
        }
        chosen = found;
        offer.hidden = false;
        offer.style.insetBlockStart = `${window.scrollY + found.rect.bottom + 6}px`;
        offer.style.insetInlineStart = document.dir === "rtl"
            ? `${Math.max(0, document.documentElement.clientWidth - found.rect.right)}px`
            : `${Math.max(0, found.rect.left)}px`;
    };

    const startOn = (target) => {
        const box = list.querySelector("[data-new-comment]");
        if (!box) return;
        box.querySelector("[data-new-field]").value = target.field;
        box.querySelector("[data-new-quote]").value = target.quote || "";
        box.querySelector("[data-new-prefix]").value = target.prefix || "";
        box.querySelector("[data-new-position]").value = target.position ?? "";
        const on = box.querySelector("[data-new-on]");
        on.hidden = false;
        on.textContent = target.quote ? `«${target.quote.trim()}»` : target.label;
        on.dir = "auto";
        box.querySelector("[data-new-cancel]").hidden = false;
        const body = box.querySelector("[data-body]");
        body.focus({preventScroll: true});
        box.scrollIntoView({block: "nearest"});
    };
    const resetNew = (box) => {
        for (const name of ["field", "quote", "prefix", "position"]) box.querySelector(`[data-new-${name}]`).value = "";
        box.querySelector("[data-new-on]").hidden = true;
        box.querySelector("[data-new-cancel]").hidden = true;
    };

    // @mentions: completion under the box being typed in.
    const menu = document.createElement("ul");
    menu.className = "comments-mentions";
    menu.setAttribute("role", "listbox");
    menu.hidden = true;
    let menuFor = null;
    const typedMention = (box) => {
        const before = box.value.slice(0, box.selectionStart);
        const match = before.match(/(^|\s)@([^\s@]*)$/u);
        return match ? {query: match[2], from: before.length - match[2].length - 1} : null;
    };
    const choose = (item) => {
        const box = menuFor;
        const typed = box && typedMention(box);
        if (!typed) return;
        const after = box.value.slice(box.selectionStart);
        box.value = `${box.value.slice(0, typed.from)}@${item.dataset.handle} ${after}`;
        const caret = typed.from + item.dataset.handle.length + 2;
        box.setSelectionRange(caret, caret);
        menu.hidden = true;
        box.focus();
    };
    let asked = 0;
    const complete = async (box) => {
        const typed = typedMention(box);
        if (!typed) {
            menu.hidden = true;
            return;
        }
        const ask = ++asked;
        const url = `${panel.dataset.mentionsUrl}?q=${encodeURIComponent(typed.query)}`;
        const response = await fetch(url, {credentials: "same-origin"});
        if (!response.ok || ask !== asked) return;
        const {results} = await response.json();
        menu.replaceChildren(...results.map((result, index) => {
            const item = document.createElement("li");
            item.setAttribute("role", "option");
            item.dataset.handle = result.handle;
            item.setAttribute("aria-selected", index === 0 ? "true" : "false");
            const name = document.createElement("span");
            name.dir = "auto";
            name.textContent = result.label;
            const handle = document.createElement("span");
            handle.className = "comments-mentions__handle";
            handle.dir = "ltr";
            handle.textContent = `@${result.handle}`;
            item.append(name, " ", handle);
            return item;
        }));
        if (!results.length) {
            const none = document.createElement("li");
            none.className = "help";
            none.textContent = panel.dataset.textNoResults;
            menu.append(none);
        }
        menuFor = box;
        box.after(menu);
        menu.hidden = false;
    };
    const moveChoice = (step) => {
        const items = [...menu.querySelectorAll("[role=option]")];
        if (!items.length) return;
        const now = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
        const next = (now + step + items.length) % items.length;
        items.forEach((item, index) => item.setAttribute("aria-selected", index === next ? "true" : "false"));
    };

    const start = () => {
        if (!panel) return;
        document.body.append(offer);
        // The comment boxes are not the story's fields: the story form's
        // change tracking must not see them.
        for (const kind of ["input", "change"]) {
            panel.addEventListener(kind, (event) => event.stopPropagation());
            document.addEventListener(kind, (event) => {
                if (event.target.closest && event.target.closest("[data-comments-beside]")) event.stopPropagation();
            }, true);
        }
        document.addEventListener("input", (event) => {
            // The comment boxes, and the moderator's request for changes.
            if (event.target.matches && event.target.matches(MENTIONS)) complete(event.target);
        }, true);
        document.addEventListener("keydown", (event) => {
            if (menu.hidden || event.target !== menuFor) return;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                moveChoice(event.key === "ArrowDown" ? 1 : -1);
            } else if (event.key === "Enter" || event.key === "Tab") {
                const item = menu.querySelector("[aria-selected=true]");
                if (item) {
                    event.preventDefault();
                    choose(item);
                }
            } else if (event.key === "Escape") {
                menu.hidden = true;
            }
        }, true);
        menu.addEventListener("mousedown", (event) => {
            const item = event.target.closest("[role=option]");
            if (item) {
                event.preventDefault();
                choose(item);
            }
        });
        if (panel.dataset.screen === "form") {
            document.addEventListener("selectionchange", showOffer);
            document.addEventListener("select", showOffer, true);
            offer.addEventListener("mousedown", (event) => event.preventDefault());
            offer.addEventListener("click", () => {
                offer.hidden = true;
                if (chosen) startOn(chosen);
            });
            for (const box of document.querySelectorAll(".story-columns .story-field")) {
                const where = fieldOf(box);
                const label = box.querySelector("label");
                if (!where || !label) continue;
                const button = document.createElement("button");
                button.type = "button";
                button.className = "comments-field-button";
                button.textContent = panel.dataset.textField;
                button.addEventListener("click", () => startOn({field: where.field, label: label.textContent.trim()}));
                label.after(button);
            }
        }
        document.addEventListener("click", (event) => {
            const button = event.target.closest("[data-post], [data-create], [data-new-cancel], [data-show-quote]");
            if (!button || !(list.contains(button) || button.closest("[data-comments-beside]"))) return;
            const thread = button.closest("[data-thread]");
            if (button.hasAttribute("data-show-quote")) {
                const range = phraseRange(thread);
                if (range) {
                    range.startContainer.parentElement.scrollIntoView({block: "center"});
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                }
                return;
            }
            const box = button.closest("[data-new-comment]");
            if (button.hasAttribute("data-new-cancel")) {
                resetNew(box);
                return;
            }
            if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
            const scope = box || button.closest(".comment, .comment-thread__actions") || thread;
            const text = scope.querySelector("[data-body]");
            if (button.hasAttribute("data-create")) {
                const value = (name) => box.querySelector(`[data-new-${name}]`).value;
                post(panel.dataset.createUrl, {
                    body: text.value, field: value("field"), quote: value("quote"),
                    prefix: value("prefix"), position: value("position"),
                }, button);
            } else {
                post(button.dataset.post, text ? {body: text.value} : {}, button);
            }
        });
        load();
        // The rich-text editor draws itself after this script runs, and
        // redraws as people type: mark the phrases again whenever it has.
        let pending = false;
        const markSoon = () => {
            if (pending) return;
            pending = true;
            window.requestAnimationFrame(() => {
                pending = false;
                mark();
            });
        };
        const columns = document.querySelector(".story-columns");
        if (columns) new MutationObserver(markSoon).observe(columns, {childList: true, subtree: true, characterData: true});
    };
    start();
}
