// The story form's small comforts: a live length count under each headline,
// against the limit the workflow holds headlines to at approval, and
// Ctrl+S / Cmd+S to save. Words come translated from the form's attributes.
"use strict";
{
    // Digits as the public site writes them: Arabic-Indic in the Arabic desk.
    const language = document.documentElement.lang || undefined;
    const locale = language?.startsWith("ar") ? "ar-u-nu-arab" : language;
    const number = (value) => value.toLocaleString(locale);
    const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);

    const headlineCounts = () => {
        for (const input of document.querySelectorAll("input[data-length-limit]")) {
            const limit = Number(input.dataset.lengthLimit);
            const counter = document.createElement("output");
            counter.className = "story-length";
            counter.htmlFor = input.id;
            counter.setAttribute("aria-live", "polite");
            input.after(counter);
            const update = () => {
                // As the workflow counts: characters, without the spaces around.
                const length = [...input.value.trim()].length;
                const over = length > limit;
                counter.classList.toggle("story-length--over", over);
                counter.textContent = fill(over ? input.dataset.lengthOver : input.dataset.lengthCount, {
                    count: number(length),
                    limit: number(limit),
                });
            };
            input.addEventListener("input", update);
            update();
        }
    };

    const saveKeys = () => {
        const form = document.getElementById("article_form");
        const save = form?.querySelector('input[type=submit][name="_continue"]');
        if (!save) return;
        document.addEventListener("keydown", (event) => {
            if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "s") return;
            // Never the browser's "save page as": that would be a copy of the
            // form, not a revision.
            event.preventDefault();
            if (document.querySelector("dialog[open]") || event.repeat) return;
            form.requestSubmit(save);
        });
    };

    const start = () => {
        headlineCounts();
        saveKeys();
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
