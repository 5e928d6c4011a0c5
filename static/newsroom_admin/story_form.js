// The story form: live word count and reading time, the ordered byline
// picker, and a note when there are unsaved changes. No library needed; the
// form works without this file, only less comfortably.
"use strict";
{
    const words = (html) => {
        const text = new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
        return text.split(/\s+/).filter(Boolean).length;
    };

    const wordCounts = () => {
        for (const counter of document.querySelectorAll("[data-word-count]")) {
            const source = document.getElementById(counter.dataset.wordCount);
            if (!source) continue;
            const perMinute = Number(counter.dataset.wordsPerMinute) || 200;
            const update = () => {
                const count = words(source.value);
                counter.querySelector("[data-words]").value = count.toLocaleString(source.lang || undefined);
                const minutes = count ? Math.max(1, Math.round(count / perMinute)) : 0;
                counter.querySelector("[data-minutes]").value = minutes.toLocaleString(source.lang || undefined);
            };
            // The rich-text editor copies its HTML into the textarea and
            // fires "input" on it after every change.
            source.addEventListener("input", update);
            update();
        }
    };

    const orderedPickers = () => {
        for (const picker of document.querySelectorAll("[data-ordered-picker]")) {
            const list = picker.querySelector("[data-ordered-list]");
            const template = picker.querySelector("[data-ordered-template]");
            const add = picker.querySelector("[data-ordered-add]");
            const changed = () => picker.dispatchEvent(new Event("input", {bubbles: true}));
            add.addEventListener("change", () => {
                // The chosen option's name is read before the picker is
                // reset: once reset, its selected option is the placeholder.
                const value = add.value;
                const label = add.selectedOptions[0]?.textContent || "";
                add.value = "";
                if (!value || list.querySelector(`input[value="${CSS.escape(value)}"]`)) return;
                const item = template.content.firstElementChild.cloneNode(true);
                item.querySelector("input").value = value;
                item.querySelector("[data-ordered-label]").textContent = label;
                list.append(item);
                changed();
            });
            list.addEventListener("click", (event) => {
                const button = event.target.closest("button");
                if (!button) return;
                const item = button.closest("[data-ordered-item]");
                if (button.hasAttribute("data-ordered-remove")) {
                    item.remove();
                } else if (button.dataset.orderedMove === "-1" && item.previousElementSibling) {
                    item.previousElementSibling.before(item);
                } else if (button.dataset.orderedMove === "1" && item.nextElementSibling) {
                    item.nextElementSibling.after(item);
                } else {
                    return;
                }
                button.focus();
                changed();
            });
        }
    };

    const unsavedNote = () => {
        const form = document.getElementById("article_form");
        const moves = document.querySelector("[data-desk-moves]");
        if (!form || !moves) return;
        const mark = () => {
            moves.setAttribute("data-unsaved", "");
            moves.querySelector("[data-unsaved-note]").hidden = false;
        };
        form.addEventListener("input", mark);
        form.addEventListener("change", mark);
    };

    const start = () => {
        wordCounts();
        orderedPickers();
        unsavedNote();
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
