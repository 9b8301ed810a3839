// Small enhancements; every page works without them. Kept in a file (not inline)
// so the Content-Security-Policy allows scripts from this site only.
(function () {
    "use strict";

    // The header's cart count, from the cookie the site keeps in step with the cart
    // (the page itself is the same for every visitor, so a cache may keep it).
    const showCartCount = () => {
        const count = /(?:^|;\s*)cart_count=(\d+)/.exec(document.cookie);
        document.querySelectorAll("[data-cart-count]").forEach((badge) => {
            badge.textContent = count ? ` (${count[1]})` : "";
        });
    };
    showCartCount();
    window.addEventListener("pageshow", showCartCount); // back to a page the browser kept

    // Print buttons on printable sheets.
    document.querySelectorAll("[data-print]").forEach((button) => {
        button.addEventListener("click", () => window.print());
    });

    // Show chosen photos before the (possibly slow) upload.
    document.querySelectorAll("input[data-preview-into]").forEach((input) => {
        input.addEventListener("change", (event) => {
            const preview = document.querySelector(input.dataset.previewInto);
            preview.replaceChildren(...[...event.target.files].map((file) => {
                const img = document.createElement("img");
                img.src = URL.createObjectURL(file);
                img.alt = file.name;
                return img;
            }));
        });
    });

    // Long lists of communes: a box above filters them as you type, with or without
    // accents ("cai be" keeps "Xã Cái Bè").
    const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[đĐ]/g, "d").toLowerCase();
    document.querySelectorAll("select[data-filterable]").forEach((select) => {
        const box = Object.assign(document.createElement("input"), {
            type: "search", placeholder: select.dataset.filterLabel,
        });
        box.setAttribute("aria-label", select.dataset.filterLabel);
        select.before(box);
        box.addEventListener("input", () => {
            const words = fold(box.value).split(/\s+/).filter(Boolean);
            let first = null;
            [...select.options].forEach((option) => {
                const shown = !option.value || words.every((word) => fold(option.text).includes(word));
                option.hidden = !shown;
                if (shown && option.value && !first) first = option;
            });
            // The first match is chosen unless a still-shown commune already is.
            if (first && (!select.value || select.selectedOptions[0].hidden)) select.value = first.value;
        });
    });

    // Long lists of checkboxes (the communes a farm delivers to): the same box filters them.
    const lists = new Set([...document.querySelectorAll("input[type=checkbox][data-filter-label]")]
        .map((input) => input.closest("div[id]")));
    lists.forEach((list) => {
        const label = list.querySelector("input[data-filter-label]").dataset.filterLabel;
        const box = Object.assign(document.createElement("input"), { type: "search", placeholder: label });
        box.setAttribute("aria-label", label);
        list.before(box);
        box.addEventListener("input", () => {
            const words = fold(box.value).split(/\s+/).filter(Boolean);
            list.querySelectorAll("input[type=checkbox]").forEach((input) => {
                const item = input.closest("label").parentElement;
                item.hidden = !words.every((word) => fold(input.closest("label").textContent).includes(word));
            });
            // A former district with no commune left shown is hidden too.
            list.querySelectorAll(":scope > div").forEach((group) => {
                group.hidden = ![...group.querySelectorAll("input[type=checkbox]")]
                    .some((input) => !input.closest("label").parentElement.hidden);
            });
        });
    });

    // A select that changes the rest of its form (the province and its communes): sent
    // at once, through the form's own button, so what was typed stays.
    document.querySelectorAll("select[data-submits]").forEach((select) => {
        const button = select.form.querySelector(`button[name="${select.dataset.submits}"]`);
        if (button) select.addEventListener("change", () => button.click());
    });

    // "Use where I am now" fills the farm's latitude and longitude from the phone.
    document.querySelectorAll("input[data-geolocate]").forEach((latitude) => {
        const longitude = latitude.form.querySelector("input[name=longitude]");
        if (!navigator.geolocation || !longitude) return;
        const button = Object.assign(document.createElement("button"), {
            type: "button", className: "button button--secondary",
            textContent: latitude.dataset.geolocateLabel,
        });
        latitude.closest("div").before(button);
        button.addEventListener("click", () => {
            navigator.geolocation.getCurrentPosition((position) => {
                latitude.value = position.coords.latitude.toFixed(6);
                longitude.value = position.coords.longitude.toFixed(6);
            });
        });
    });

    // A claim code from the QR code's link (#ma=…): the fragment never reaches the server.
    const claimCode = document.querySelector("input[name=code][data-from-fragment]");
    const match = window.location.hash.match(/^#ma=([A-Za-z0-9-]{1,20})$/);
    if (claimCode && match) {
        claimCode.value = match[1];
        history.replaceState(null, "", window.location.pathname);
    }
})();
