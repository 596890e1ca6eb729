import { formStylesheet } from './form-style';

/**
 * The embed script served at /f/:formId.js: renders the form into every
 * `<div data-baton-form="FORM_ID">` on the page (several forms and several copies work), with
 * the visitor's anonymous id for progressive profiling, hidden page/referrer/UTM fields, inline
 * validation, and submission without leaving the page. Plain ES5-era DOM code: no build step.
 */
export function embedScript(formId: string, base: string): string {
  return `(function(){
var FORM=${JSON.stringify(formId)},BASE=${JSON.stringify(base)},CSS=${JSON.stringify(formStylesheet)};
var w=window,d=document;w.__batonForms=w.__batonForms||0;
function cookie(n){var m=d.cookie.match(new RegExp('(?:^|; )'+n+'=([^;]+)'));return m?decodeURIComponent(m[1]):''}
function aid(){var v=cookie('baton_aid');if(!v){try{v=w.localStorage.getItem('baton_aid')||''}catch(e){}}return v}
function style(){if(d.getElementById('baton-form-style'))return;var s=d.createElement('style');s.id='baton-form-style';s.textContent=CSS;
var h=d.head||d.documentElement;h.insertBefore(s,h.firstChild)}
function hidden(f,n,v){if(!v)return;var i=f.querySelector('input[type=hidden][name="'+n+'"]');if(!i){i=d.createElement('input');i.type='hidden';i.name=n;f.appendChild(i)}i.value=v}
function slot(el){var ids=(el.getAttribute('aria-describedby')||'').split(' ');for(var k=0;k<ids.length;k++){if(/-error$/.test(ids[k]))return d.getElementById(ids[k])}return null}
function show(el,msg){var s=slot(el),box=el.closest('.baton-field');if(msg){el.setAttribute('aria-invalid','true');if(box)box.classList.add('baton-field--invalid')}else{el.removeAttribute('aria-invalid');if(box)box.classList.remove('baton-field--invalid')}
if(s){s.textContent=msg||'';s.hidden=!msg}}
function message(el){var v=el.validity;if(v.valueMissing)return el.type==='checkbox'?'Please tick this box':'This field is required';
if(v.typeMismatch&&el.type==='email')return 'Enter an email address like name@example.com';if(v.rangeUnderflow)return 'Must be at least '+el.min;
if(v.rangeOverflow)return 'Must be at most '+el.max;if(v.badInput)return 'Enter a number';if(v.tooLong)return 'Too long';return v.valid?'':(el.validationMessage||'Invalid value')}
function controls(f){return f.querySelectorAll('input:not([type=hidden]):not([name=_baton_hp]),select,textarea')}
function check(f){var first=null,bad=0,list=controls(f);for(var k=0;k<list.length;k++){var el=list[k],m=message(el);show(el,m);if(m){bad++;if(!first)first=el}}
var sum=f.querySelector('.baton-form__summary');if(sum){sum.textContent=bad?(bad===1?'Please correct the field marked below.':'Please correct the '+bad+' fields marked below.'):'';sum.hidden=!bad}
if(first)first.focus();return !bad}
function done(f,text,link){var p=d.createElement('div');p.className='baton-form__done';p.setAttribute('role','status');p.textContent=text;
if(link){var a=d.createElement('a');a.href=link;a.textContent='Download';a.className='baton-form__download';p.appendChild(d.createTextNode(' '));p.appendChild(a)}
f.parentNode.replaceChild(p,f);p.setAttribute('tabindex','-1');p.focus()}
function errors(f,body){var list=(body&&body.error&&body.error.details)||[],named=0;for(var k=0;k<list.length;k++){var n=(list[k].path||'').replace(/^body\\./,'');
var el=f.querySelector('[name="'+n+'"]');if(el){show(el.closest('.baton-field fieldset')||el,list[k].message);named++}}
var sum=f.querySelector('.baton-form__summary');if(sum){sum.textContent=(body&&body.error&&body.error.message)||'Something went wrong; please try again.';sum.hidden=false;sum.focus&&sum.setAttribute('tabindex','-1')}}
function wire(f,div){f.noValidate=true;var q=new URLSearchParams(w.location.search);
hidden(f,'page_url',w.location.href);hidden(f,'page_title',d.title);hidden(f,'referrer',d.referrer);hidden(f,'_baton_aid',aid());
['utm_source','utm_medium','utm_campaign','utm_term','utm_content'].forEach(function(n){hidden(f,n,q.get(n))});
hidden(f,'_baton_page',div.getAttribute('data-baton-page'));hidden(f,'_baton_variant',div.getAttribute('data-baton-variant'));hidden(f,'_baton_cta',div.getAttribute('data-baton-cta'));
// Re-checked as the visitor types, not on blur: a message vanishing on blur moves the page under a click.
function recheck(e){if(e.target.getAttribute('aria-invalid'))show(e.target,message(e.target))}
var list=controls(f);for(var k=0;k<list.length;k++){list[k].addEventListener('input',recheck);list[k].addEventListener('change',recheck)}
f.addEventListener('submit',function(e){e.preventDefault();if(!check(f))return;hidden(f,'_baton_aid',aid());var btn=f.querySelector('[type=submit]');if(btn)btn.disabled=true;
var body=new URLSearchParams();new FormData(f).forEach(function(v,n){body.append(n,String(v))});
fetch(BASE+'/f/'+FORM,{method:'POST',body:body,headers:{accept:'application/json'},credentials:'omit'}).then(function(r){return r.json().then(function(j){return{ok:r.ok,body:j}})})
.then(function(r){if(btn)btn.disabled=false;if(!r.ok)return errors(f,r.body);var s=r.body.success||{};
if(s.type==='redirect'&&/^https?:/i.test(s.url))return w.location.assign(s.url);done(f,s.message||'Thank you!',s.downloadUrl?BASE+s.downloadUrl:null)})
.catch(function(){if(btn)btn.disabled=false;errors(f,null)})})}
function mount(div){if(div.getAttribute('data-baton-ready'))return;div.setAttribute('data-baton-ready','1');w.__batonForms++;
var q=new URLSearchParams(w.location.search),u=BASE+'/f/'+FORM+'/embed?prefix=bf'+w.__batonForms+'&aid='+encodeURIComponent(aid())+'&email='+encodeURIComponent(q.get('email')||'');
fetch(u,{credentials:'omit'}).then(function(r){if(!r.ok)throw new Error('form '+r.status);return r.json()}).then(function(j){div.innerHTML=j.html;var f=div.querySelector('form');if(f)wire(f,div)})
.catch(function(){div.textContent='This form could not be loaded.'})}
function run(){style();var list=d.querySelectorAll('[data-baton-form="'+FORM+'"]');for(var k=0;k<list.length;k++)mount(list[k])}
if(d.readyState==='loading')d.addEventListener('DOMContentLoaded',run);else run();
})();
`;
}
