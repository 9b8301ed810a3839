// Search-as-you-type for the header box; without JavaScript the form still searches.
(() => {
    const input = document.getElementById("site-search");
    const list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) return;
    let timer;
    const urls = new Map();  // a suggestion's label -> its product page
    input.addEventListener("input", () => {
        clearTimeout(timer);
        if (urls.has(input.value)) {  // a suggestion was picked: open that product
            window.location.href = urls.get(input.value);
            return;
        }
        const q = input.value.trim();
        if (q.length < 2) return;
        timer = setTimeout(async () => {
            try {
                const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(q)}`);
                const { suggestions } = await response.json();
                urls.clear();
                suggestions.forEach(({ label, url }) => urls.set(label, url));
                list.replaceChildren(...suggestions.map(({ label }) => Object.assign(document.createElement("option"), { value: label })));
            } catch {
                // Suggestions are a convenience: a slow network just means none.
            }
        }, 200);
    });
})();
