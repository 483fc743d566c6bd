"""The page shell in Chinese, and the page's own small script.

Gradio picks its UI language from ``navigator.language`` when its app starts, and serves ``<html lang="en">``.
:class:`ChineseShell` rewrites the HTML of the page itself (GET of the mount path) so the document says
``lang="zh-CN"`` and a script at the very start of ``<head>`` makes the browser report zh-CN before Gradio
reads it: Gradio's own strings then come from its zh-CN translations, whatever the browser's language.

The same script handles the chat messages' links and buttons (the Chatbot's sanitizer keeps ids, classes
and ``href="#…"`` but drops event handlers): ``[n]`` opens and flashes that message's source card, "复制回答"
copies the message's plain text with its numbered sources."""

from __future__ import annotations

import re

PAGE_SCRIPT = r"""<script>
(function(){
try{Object.defineProperty(navigator,'language',{get:function(){return 'zh-CN';}});
Object.defineProperty(navigator,'languages',{get:function(){return ['zh-CN','zh'];}});}catch(e){}
document.documentElement.lang='zh-CN';
function copyText(text, done){
  function fallback(){var t=document.createElement('textarea');t.value=text;t.setAttribute('readonly','');
    t.style.position='fixed';t.style.left='-9999px';document.body.appendChild(t);t.select();
    var ok=false;try{ok=document.execCommand('copy');}catch(e){}t.remove();done(ok);}
  if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(function(){done(true);},fallback);}
  else{fallback();}
}
document.addEventListener('click',function(ev){
  var t=ev.target; if(!t||!t.closest){return;}
  var ref=t.closest('a.pb-ref, a.pb-jump');
  if(ref){ev.preventDefault();ev.stopPropagation();
    var id=(ref.getAttribute('href')||'').slice(1);var card=id&&document.getElementById(id);
    if(card){var d=card.closest('details');if(d){d.open=true;}
      card.scrollIntoView({block:'nearest',behavior:'smooth'});card.classList.add('pb-flash');
      card.setAttribute('tabindex','-1');card.focus({preventScroll:true});
      setTimeout(function(){card.classList.remove('pb-flash');},1600);}
    return;}
  var btn=t.closest('button.pb-copy');
  if(btn){ev.preventDefault();ev.stopPropagation();
    var msg=btn.closest('.pb-msg');var plain=msg&&msg.querySelector('.pb-plain');
    copyText(plain?plain.textContent:'',function(ok){var old='复制回答';btn.textContent=ok?'已复制':'复制失败，请手动选择文字';
      setTimeout(function(){btn.textContent=old;},1800);});}
},true);
// Gradio's aria-labels that its translations miss; a message's label is its raw HTML: screen readers get the text
var TEXT=function(el){return (el.textContent||'').replace(/\s+/g,' ').trim().slice(0,300);};
var LABELS=[[/^bot's message: /,function(el){return '回答：'+TEXT(el);}],[/^user's message: /,function(el){return '提问：'+TEXT(el);}],
  [/^chatbot conversation$/,function(){return '对话记录';}],[/^More tabs$/,function(){return '更多标签页';}],
  [/^Select example \d+: /,function(el,v){return '示例问题：'+v.replace(/^Select example \d+: /,'');}],
  [/^Scroll down$/,function(){return '滚动到最新';}],[/^Liked$/,function(){return '已赞';}],[/^Disliked$/,function(){return '已踩';}],
  [/^Feedback$/,function(){return '反馈';}],[/^Close$/,function(){return '关闭';}],
  [/^Empty value$/,function(){return '空';}]];
// Gradio's own English messages (connection, queue, unexpected errors) said in Chinese
var MESSAGES=[[/^Connection errored out/,'连接中断：请检查网络后刷新页面再试，已有的对话不会丢失。'],
  [/^This application is currently busy/,'服务繁忙，请稍后再试。'],[/^An Unexpected Error Occurred/,'出现意外错误，请稍后再试。'],
  [/^Error$/,'错误'],[/^Could not /,'暂时无法连接服务，请稍后刷新页面。'],[/too many requests/i,'提问太频繁，请稍后再试。'],
  [/request body over/i,'请求内容过大，请缩短问题后再试。']];
// toast titles are the message type, capitalised, whatever title the server gave
var TITLES={Warning:'提示',Error:'错误',Info:'提示',Success:'完成'};
function relabel(){['aria-label','title'].forEach(function(attr){document.querySelectorAll('['+attr+']').forEach(function(el){
  var v=el.getAttribute(attr);for(var i=0;i<LABELS.length;i++){if(LABELS[i][0].test(v)){el.setAttribute(attr,LABELS[i][1](el,v));break;}}});});
  document.querySelectorAll('span.toast-title').forEach(function(sp){var n=sp.firstChild;
    if(n&&n.nodeType===3&&TITLES[n.nodeValue.trim()]){n.nodeValue=TITLES[n.nodeValue.trim()]+' ';}});
  document.querySelectorAll('.toast-text, .toast-body, .error .message, [data-testid="error"]').forEach(function(el){
    if(el.children.length){return;}var v=(el.textContent||'').trim();
    for(var i=0;i<MESSAGES.length;i++){if(MESSAGES[i][0].test(v)){el.textContent=MESSAGES[i][1];break;}}});
  // the status tracker's words are not in Gradio's translations: "processing |", "queue: 2/5 |" on a busy server
  document.querySelectorAll('.progress-text, .meta-text, .meta-text-center').forEach(function(el){
    var walk=document.createTreeWalker(el,NodeFilter.SHOW_TEXT),n;while((n=walk.nextNode())){var v=n.nodeValue,
      w=v.replace(/processing/g,'处理中').replace(/queue:\s*/g,'排队 ');if(w!==v){n.nodeValue=w;}}});}
new MutationObserver(relabel).observe(document.documentElement,{subtree:true,childList:true,characterData:true,attributes:true,attributeFilter:['aria-label','title']});
})();
</script>"""


class ChineseShell:
    """ASGI middleware: the page's HTML gets ``lang="zh-CN"`` and :data:`PAGE_SCRIPT` first in ``<head>``."""

    def __init__(self, app, path: str = "/"):
        self.app, self.path = app, path

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != self.path:
            await self.app(scope, receive, send)
            return
        start: dict = {}
        body: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    await _send_rewritten(send, start, b"".join(body))
                return
            await send(message)

        await self.app(scope, receive, capture)


async def _send_rewritten(send, start: dict, body: bytes) -> None:
    headers = [(k, v) for k, v in start.get("headers", [])]
    kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    encoded = any(k.lower() == b"content-encoding" for k, _ in headers)
    if kind.startswith(b"text/html") and not encoded:
        body = rewrite(body.decode("utf-8", "replace")).encode("utf-8")
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def rewrite(page: str) -> str:
    """``<html lang="…">`` → zh-CN, and the page script as the first thing in ``<head>``."""
    page = re.sub(r'<html([^>]*?)\slang="[^"]*"', r'<html\1 lang="zh-CN"', page, count=1)
    if 'lang="zh-CN"' not in page[:500]:
        page = page.replace("<html", '<html lang="zh-CN"', 1)
    return re.sub(r"<head([^>]*)>", lambda m: m.group(0) + PAGE_SCRIPT, page, count=1)
