// The body editor in the desk's language. django-prose-editor reads its
// dialogs' words through Django's JavaScript catalogue (window.gettext, from
// the admin's jsi18n), but writes its menu's tooltips, aria-labels and block
// menu in English; this puts those through the same catalogue
// (locale/ar/LC_MESSAGES/djangojs.po) as the editor draws them.
"use strict";
{
    const translate = window.gettext;
    if (typeof translate === "function") {
        const words = (root) => {
            for (const element of root.querySelectorAll?.("[title], [aria-label]") || []) {
                if (!element.closest(".prose-menubar, .prose-editor-dialog, dialog")) continue;
                for (const name of ["title", "aria-label"]) {
                    const value = element.getAttribute(name);
                    if (value && translate(value) !== value) element.setAttribute(name, translate(value));
                }
            }
            // The block menu's choices ("Paragraph", "Heading 2") and the copy of the chosen one.
            for (const element of root.querySelectorAll?.(".prose-menubar__dropdown *, .prose-menubar__selected *") || []) {
                if (element.children.length || element.classList.contains("material-icons")) continue;
                const text = element.textContent;
                if (text && translate(text) !== text) element.textContent = translate(text);
            }
        };
        const start = () => {
            words(document);
            new MutationObserver((changes) => {
                for (const change of changes) {
                    for (const node of change.addedNodes) {
                        if (node.nodeType === Node.ELEMENT_NODE) words(node.parentElement || node);
                    }
                }
            }).observe(document.body, {childList: true, subtree: true});
        };
        if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", start);
        } else {
            start();
        }
    }
}
