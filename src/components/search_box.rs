//! The search box, with a short syntax help.

use leptos::prelude::*;

#[component]
pub fn SearchBox(
    /// The query to show.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new query on every keystroke.
    on_input: Callback<String>,
    #[prop(into)] placeholder: String,
) -> impl IntoView {
    view! {
        <form class="search-box" role="search" on:submit=|ev| ev.prevent_default()>
            <input
                type="search"
                name="q"
                aria-label="Search the corpus"
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <details class="syntax-help">
                <summary aria-label="Search syntax">"?"</summary>
                <div class="syntax-popup">
                    <p><strong>"Search syntax"</strong></p>
                    <ul>
                        <li><code>"nhs palantir"</code>" every word must appear; "<code>"contract"</code>" also finds "<code>"contracts"</code></li>
                        <li><code>"\"data platform\""</code>" the words next to each other, in order"</li>
                        <li><code>"-israel"</code>" leave out documents with this word"</li>
                        <li><code>"genoc*"</code>" any word starting with "<code>"genoc"</code></li>
                    </ul>
                    <p>"Case, accents and punctuation are ignored: "<code>"£330m"</code>" finds “£330m” and “£330 m”."</p>
                </div>
            </details>
        </form>
    }
}
