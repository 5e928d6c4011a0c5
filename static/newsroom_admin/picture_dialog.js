// The story form's picture dialog: choose the lead picture from the library,
// with thumbnails and search in either language, or upload a new one, and
// the form's lead-picture field is set; the story form is never left, so
// nothing typed in it is lost. The server draws the list (its words in each
// picture's own language and direction) and checks the upload.
"use strict";
{
    const start = () => {
        const dialog = document.querySelector("[data-picture-dialog]");
        const opener = document.querySelector("[data-picture-open]");
        const select = document.getElementById("id_lead_image");
        if (!dialog || !opener || !select || typeof dialog.showModal !== "function") return;
        opener.hidden = false;
        const search = dialog.querySelector("[data-picture-search]");
        const results = dialog.querySelector("[data-picture-results]");
        const upload = dialog.querySelector("[data-picture-upload]");
        let asked = 0;

        const load = async () => {
            const ticket = ++asked;
            const url = new URL(dialog.dataset.chooseUrl, location.href);
            url.searchParams.set("q", search.value);
            url.searchParams.set("chosen", select.value);
            results.setAttribute("aria-busy", "true");
            try {
                const response = await fetch(url, {credentials: "same-origin", headers: {Accept: "text/html"}});
                if (ticket !== asked) return;  // a later search answered first
                results.innerHTML = response.ok ? await response.text() : "";
            } catch {
                if (ticket === asked) results.textContent = dialog.dataset.failed;
            } finally {
                if (ticket === asked) results.removeAttribute("aria-busy");
            }
        };

        const choose = (id, label) => {
            let option = select.querySelector(`option[value="${CSS.escape(String(id))}"]`);
            if (!option) {
                option = new Option(label, id);
                select.append(option);
            }
            select.value = String(id);
            // The admin's search-as-you-type picker (select2) listens through jQuery.
            if (window.django?.jQuery) {
                window.django.jQuery(select).trigger("change");
            } else {
                select.dispatchEvent(new Event("change", {bubbles: true}));
            }
            dialog.close();
            opener.focus();
        };

        opener.addEventListener("click", () => {
            dialog.showModal();
            search.focus();
            load();
        });
        dialog.querySelector("[data-picture-close]").addEventListener("click", () => dialog.close());
        let typing;
        search.addEventListener("input", () => {
            clearTimeout(typing);
            typing = setTimeout(load, 200);
        });
        search.addEventListener("keydown", (event) => {
            // Enter searches; it must not submit the story form behind the dialog.
            if (event.key === "Enter") {
                event.preventDefault();
                load();
            }
        });
        results.addEventListener("click", (event) => {
            const card = event.target.closest("[data-picture-id]");
            if (card) choose(card.dataset.pictureId, card.dataset.pictureLabel);
        });
        if (upload) uploads(dialog, upload, choose);
    };

    const uploads = (dialog, form, choose) => {
        const file = form.querySelector("[data-picture-file]");
        const status = form.querySelector("[data-picture-status]");
        const send = form.querySelector("[data-picture-send]");
        const focal = form.querySelector("[data-picture-focal]");
        const focalImage = form.querySelector("[data-picture-focal-image]");
        const marker = form.querySelector("[data-picture-focal-marker]");
        const across = form.querySelector("[name=focal_x]");
        const down = form.querySelector("[name=focal_y]");

        const clearErrors = () => {
            for (const box of form.querySelectorAll("[data-picture-error]")) {
                box.hidden = true;
                box.textContent = "";
            }
        };
        const showErrors = (errors) => {
            let first = null;
            for (const [name, messages] of Object.entries(errors)) {
                const box = form.querySelector(`[data-picture-error="${CSS.escape(name)}"]`)
                    || form.querySelector('[data-picture-error="__all__"]');
                box.textContent = [box.textContent, ...messages].filter(Boolean).join(" ");
                box.hidden = false;
                first ??= form.querySelector(`[name="${CSS.escape(name)}"]`) || box;
            }
            first?.focus?.();
        };
        const placeMarker = () => {
            marker.style.left = `${Number(across.value || 0.5) * 100}%`;
            marker.style.top = `${Number(down.value || 0.5) * 100}%`;
        };

        file.addEventListener("change", () => {
            clearErrors();
            const chosen = file.files[0];
            if (!chosen) {
                focal.hidden = true;
                return;
            }
            if (chosen.size > Number(dialog.dataset.maxBytes)) {
                showErrors({file: [dialog.dataset.tooLarge]});
            }
            if (chosen.type.startsWith("image/")) {
                // A data: address, which the admin's security policy allows for pictures (blob: it does not).
                const reader = new FileReader();
                reader.addEventListener("load", () => {
                    focalImage.src = reader.result;
                    across.value = across.value || 0.5;
                    down.value = down.value || 0.5;
                    placeMarker();
                    focal.hidden = false;
                });
                reader.readAsDataURL(chosen);
            }
        });
        focalImage.addEventListener("click", (event) => {
            const box = focalImage.getBoundingClientRect();
            across.value = ((event.clientX - box.left) / box.width).toFixed(3);
            down.value = ((event.clientY - box.top) / box.height).toFixed(3);
            placeMarker();
        });

        form.addEventListener("submit", async (event) => {
            event.preventDefault();
            clearErrors();
            const chosen = file.files[0];
            if (chosen && chosen.size > Number(dialog.dataset.maxBytes)) {
                showErrors({file: [dialog.dataset.tooLarge]});
                return;
            }
            send.disabled = true;
            status.textContent = dialog.dataset.sending;
            try {
                const response = await fetch(form.action, {
                    method: "POST",
                    body: new FormData(form),
                    credentials: "same-origin",
                    headers: {"X-CSRFToken": form.elements.csrfmiddlewaretoken.value, Accept: "application/json"},
                });
                const answer = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : {};
                if (response.ok && answer.picture) {
                    form.reset();
                    focal.hidden = true;
                    choose(answer.picture.id, answer.picture.label);
                } else {
                    showErrors(answer.errors || {__all__: [dialog.dataset.failed]});
                }
            } catch {
                showErrors({__all__: [dialog.dataset.failed]});
            } finally {
                send.disabled = false;
                status.textContent = "";
            }
        });
    };

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
