/// The page's style and script, served from the binary: nothing is fetched from elsewhere.
enum StaticFiles {
    static let style = """
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#fafafa}
        header{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;padding:.7em 1em;background:#fff;border-bottom:1px solid #ddd}
        header .home{font-weight:700;color:#b3261e;text-decoration:none;font-size:1.2em}
        header form{display:flex;flex:1;min-width:14em;gap:.4em}
        header input{flex:1;min-width:0;font:inherit;padding:.35em .6em;border:1px solid #aaa;border-radius:4px}
        header button{font:inherit;padding:.35em .9em}
        main{max-width:50em;margin:0 auto;padding:1em}
        a{color:#0b57d0}
        mark{background:#fde68a;color:inherit;padding:0 .05em}
        .hit{margin:0 0 1.3em}
        .hit h2{font-size:1.1em;margin:0 0 .2em;overflow-wrap:anywhere}
        .hit p{margin:.2em 0;overflow-wrap:anywhere}
        .meta{font-size:.85em;color:#555}
        .meta a{color:#555}
        .chips a,.chips span{display:inline-block;margin:0 .3em .3em 0;padding:.05em .5em;border:1px solid #ccc;border-radius:1em;font-size:.85em;text-decoration:none}
        .summary{color:#444}
        .error{border-left:4px solid #b3261e;padding:.5em 1em;background:#fff}
        .paging{display:flex;justify-content:space-between;margin:1.5em 0}
        .timeline svg{width:100%;height:auto;display:block}
        .timeline rect{fill:#0b57d0}
        .timeline text{font-size:10px;fill:#555}
        .downloads a{margin-right:.6em}
        .facets{font-size:.85em;color:#555;margin:0 0 1em}
        .facet{margin:.15em 0;overflow-wrap:anywhere}
        .facet-name{display:inline-block;min-width:5em;font-weight:600}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
        dt{color:#555}
        dd{margin:0;overflow-wrap:anywhere}
        .body{white-space:pre-wrap;overflow-wrap:anywhere}
        .help{font-size:.9em;margin:0 0 1em}
        code{background:#eee;padding:0 .2em;border-radius:3px}

        """

    /// Press / to type a query, as on most search sites.
    static let script = """
        document.addEventListener("keydown", function (event) {
          var box = document.getElementById("q");
          if (event.key === "/" && box && document.activeElement !== box) {
            event.preventDefault();
            box.focus();
            box.select();
          }
        });

        """
}
