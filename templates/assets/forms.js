// Filling a form on its page. The forms engine — the code `nko form` runs, compiled to WebAssembly —
// checks the answers, computes the totals and writes the document; this script only moves text
// between the inputs and the engine, keeps a draft in the browser and zips the ODT. Nothing the
// user types leaves the browser.
(function () {
  'use strict';
  var form = document.querySelector('form.answers[data-form]');
  if (!form || !window.WebAssembly || !window.TextEncoder) return;
  var definition = document.getElementById('form-definition');
  var draftKey = 'nko-answers:' + form.dataset.form;
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var engine = null;
  var lastProblems = [];
  // Messages wait until they help: a field's own once it has been left, all of them (and the
  // summary) once the user has asked for a check, a document or loaded a file.
  var touched = new Set();
  var submitted = false;

  // --- The engine: strings in, JSON out --------------------------------------------------------

  function call(name) {
    var exports = engine.exports;
    var args = [];
    var buffers = [];
    for (var i = 1; i < arguments.length; i++) {
      var bytes = encoder.encode(arguments[i]);
      var pointer = exports.nko_alloc(bytes.length);
      new Uint8Array(exports.memory.buffer, pointer, bytes.length).set(bytes);
      args.push(pointer, bytes.length);
      buffers.push(pointer);
    }
    var result;
    try {
      result = exports[name].apply(null, args);
    } catch (error) {
      // A trap of the engine is a bug of ours: say so instead of leaving a form that does nothing.
      unavailable(error);
      throw error;
    }
    var length = new DataView(exports.memory.buffer).getUint32(result, true);
    var text = decoder.decode(new Uint8Array(exports.memory.buffer, result + 4, length).slice());
    exports.nko_free(result);
    buffers.forEach(function (pointer) { exports.nko_free(pointer); });
    return JSON.parse(text);
  }

  // The module imports a few WASI calls it never needs on the page: they do nothing. Hash seeds
  // are fixed, so no order of a dictionary can depend on chance.
  var wasi = {
    fd_write: function () { return 0; }, fd_seek: function () { return 0; }, fd_close: function () { return 0; },
    random_get: function (pointer, length) { new Uint8Array(engine.exports.memory.buffer, pointer, length).fill(7); return 0; },
    proc_exit: function () { throw new Error('nko engine exited'); }
  };

  fetch(form.dataset.engine)
    .then(function (response) { return response.arrayBuffer(); })
    .then(function (bytes) { return WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi }); })
    .then(function (result) {
      engine = result.instance;
      var loaded = call('nko_load', definition.textContent);
      if (loaded.error) throw new Error(loaded.error);
      start();
    })
    .catch(unavailable);

  function unavailable(error) {
    document.querySelector('.answers-unavailable').hidden = false;
    document.querySelector('.answers-nojs').hidden = true;
    if (window.console) console.error('nko forms engine:', error);
  }

  // --- Reading and writing the inputs ------------------------------------------------------------

  function children(container) {
    // The named parts of a level: those whose nearest named ancestor is the container itself.
    return Array.prototype.filter.call(container.querySelectorAll('[data-name]'), function (element) {
      var parent = element.parentElement.closest('[data-name], [data-kind="row"], form');
      return parent === container;
    });
  }

  // `forDraft`: personal data (data-personal) is never kept in the browser's storage.
  function collect(container, forDraft) {
    var answers = {};
    children(container).forEach(function (part) {
      if (forDraft && part.dataset.personal !== undefined) return;
      var value = collectPart(part, forDraft);
      if (value !== undefined) answers[part.dataset.name] = value;
    });
    return answers;
  }

  function collectPart(part, forDraft) {
    switch (part.dataset.kind) {
      case 'object':
        var inner = collect(part, forDraft);
        return Object.keys(inner).length ? inner : undefined;
      case 'list':
        // A row left empty is no row: it would only be a row of missing values.
        var rows = rowsOf(part).map(function (row) {
          var single = row.querySelector(':scope > [data-kind="value"], :scope > [data-kind="choice"]');
          return single && !single.dataset.name ? collectPart(single, forDraft) : collect(row, forDraft);
        }).filter(function (row) { return row !== undefined && (typeof row !== 'object' || Object.keys(row).length > 0); });
        return rows.length ? rows : undefined;
      case 'choice':
        var checked = part.querySelector('input:checked');
        return checked ? checked.value : undefined;
      default:
        var input = part.querySelector('input, textarea, select');
        var text = input.value;
        if (part.dataset.type === 'money' || part.dataset.type === 'decimal' || part.dataset.type === 'integer' ||
            part.dataset.type === 'percent') text = text.replace(/[\s\u00a0\u202f]/g, '');
        if (part.dataset.type === 'datetime') text = text.replace('T', ' ');
        return text.trim() === '' ? undefined : text;
    }
  }

  function fill(container, answers) {
    children(container).forEach(function (part) { fillPart(part, answers ? answers[part.dataset.name] : undefined); });
  }

  function fillPart(part, value) {
    switch (part.dataset.kind) {
      case 'object':
        fill(part, value && typeof value === 'object' ? value : {});
        break;
      case 'list':
        var list = Array.isArray(value) ? value : [];
        var count = Math.max(list.length, Number(part.dataset.min) || 0);
        setRows(part, count);
        rowsOf(part).forEach(function (row, index) {
          var single = row.querySelector(':scope > [data-kind="value"], :scope > [data-kind="choice"]');
          if (single && !single.dataset.name) fillPart(single, list[index]);
          else fill(row, list[index] && typeof list[index] === 'object' ? list[index] : {});
        });
        break;
      case 'choice':
        var radios = Array.prototype.slice.call(part.querySelectorAll('input[type="radio"]'));
        if (typeof value === 'string' && value !== '' && !radios.some(function (r) { return r.value === value; })) {
          radios.push(extraRadio(part, value));
        }
        radios.forEach(function (input) { input.checked = input.value === value; });
        break;
      default:
        var input = part.querySelector('input, textarea, select');
        var text = typeof value === 'string' ? value : '';
        if (input.tagName === 'SELECT' && text !== '' &&
            !Array.prototype.some.call(input.options, function (o) { return o.value === text; })) {
          input.add(new Option('«' + text + '» (нет в списке)', text));
        }
        if (part.dataset.type === 'datetime') text = text.replace(' ', 'T');
        input.value = text;
        // A date the calendar has not (30 February) cannot stay in a date field: it stays as text,
        // so that the engine names the mistake instead of the field going blank.
        if (input.value !== text && input.tagName === 'INPUT') {
          input.type = 'text';
          input.value = typeof value === 'string' ? value : '';
        }
    }
  }

  // A value from a file that is none of the choices: shown as it is, for the engine to name it.
  function extraRadio(part, value) {
    var label = document.createElement('label');
    label.className = 'answers__option';
    var input = document.createElement('input');
    input.type = 'radio';
    input.name = part.id;
    input.value = value;
    input.id = part.id + '-extra';
    label.appendChild(input);
    label.appendChild(document.createTextNode(' «' + value + '» (нет в списке)'));
    part.appendChild(label);
    return input;
  }

  // «1500000.5» → «1 500 000,50»: the figures as Russian documents write them; read back without spaces.
  function money(text) {
    var match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
    if (!match) return text;
    var whole = match[2].replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
    return match[1] + whole + ',' + ((match[3] || '') + '00').slice(0, 2);
  }

  // --- Rows of lists ---------------------------------------------------------------------------

  function rowsOf(list) {
    return Array.prototype.slice.call(list.querySelector('.answers__rows').children);
  }

  function setRows(list, count) {
    var rows = list.querySelector('.answers__rows');
    while (rows.children.length > count) rows.removeChild(rows.lastElementChild);
    while (rows.children.length < count) addRow(list);
    renumber(list);
  }

  function addRow(list) {
    var template = list.querySelector(':scope > template');
    var number = list.querySelector('.answers__rows').children.length + 1;
    var html = template.innerHTML.split('{row}').join(String(number)).split('{n}').join(String(number));
    var holder = document.createElement('ol');
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    list.querySelector('.answers__rows').appendChild(row);
    return row;
  }

  // Ids and numbers follow the rows' order, so that messages (`estimate[2].subsidy`) find their input.
  function renumber(list) {
    rowsOf(list).forEach(function (row, index) {
      var number = String(index + 1);
      row.querySelectorAll('.answers__row-number').forEach(function (span) { span.textContent = number; });
      row.querySelectorAll('[id], [for], [aria-describedby], input[type="radio"]').forEach(function (element) {
        ['id', 'for', 'aria-describedby', 'name'].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(new RegExp('(' + list.id + '-)\\d+'), '$1' + number));
        });
      });
    });
    var max = Number(list.dataset.max) || Infinity;
    list.querySelector(':scope > .answers__add').disabled = rowsOf(list).length >= max;
  }

  // --- Checking --------------------------------------------------------------------------------

  // The element a message belongs to: `bank.account`, `estimate[2].subsidy`, or the nearest part.
  function target(path) {
    var container = form;
    var element = null;
    (path || '').split('.').forEach(function (step) {
      if (!container) return;
      var match = /^([^\[]+)(?:\[(\d+)\])?$/.exec(step);
      if (!match) { container = null; return; }
      var part = children(container).filter(function (child) { return child.dataset.name === match[1]; })[0];
      if (!part) {
        // A computed value: its message goes beside its output.
        var output = container.querySelector('output[data-computed="' + match[1] + '"]');
        element = output ? output.parentElement : element;
        container = null;
        return;
      }
      element = part;
      container = part;
      if (match[2] && part.dataset.kind === 'list') {
        var row = rowsOf(part)[Number(match[2]) - 1];
        if (row) {
          var single = row.querySelector(':scope > [data-kind="value"], :scope > [data-kind="choice"]');
          element = single && !single.dataset.name ? single : row;
          container = row;
        }
      }
    });
    return element;
  }

  function check(showSummary) {
    if (showSummary) submitted = true;
    var result = call('nko_check', JSON.stringify(collect(form)));
    lastProblems = result.problems;
    var shown = result.problems.filter(function (problem) {
      var part = target(problem.path);
      return submitted || (part && touched.has(part));
    });
    form.querySelectorAll('.answers__error').forEach(function (p) { p.hidden = true; p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (element) { element.removeAttribute('aria-invalid'); });
    var summary = document.querySelector('.answers-summary');
    var list = summary.querySelector('ul');
    list.textContent = '';
    shown.forEach(function (problem) {
      var part = target(problem.path);
      var error = part && part.querySelector('.answers__error');
      var focusable = part && part.querySelector('input, textarea, select');
      if (error) {
        error.hidden = false;
        error.textContent = (error.textContent ? error.textContent + ' ' : '') + problem.message;
      }
      if (focusable && problem.severity === 'error') focusable.setAttribute('aria-invalid', 'true');
      var item = document.createElement('li');
      var link = document.createElement(focusable ? 'a' : 'span');
      if (focusable) link.href = '#' + focusable.id;
      link.textContent = problem.message;
      link.dataset.path = problem.path || '';
      if (problem.severity === 'warning') item.className = 'answers-summary__warning';
      item.appendChild(link);
      list.appendChild(item);
    });
    document.querySelectorAll('output[data-computed]').forEach(function (output) {
      var row = output.closest('[data-kind="row"]');
      var name = output.dataset.computed;
      if (row) {
        var listPart = row.closest('[data-kind="list"]');
        name = listPart.dataset.name + '[' + (rowsOf(listPart).indexOf(row) + 1) + '].' + name;
      }
      output.textContent = result.computed[name] || '—';
    });
    var errors = result.problems.filter(function (p) { return p.severity === 'error'; }).length;
    summary.hidden = !submitted || shown.length === 0;
    summary.querySelector('.answers-summary__title').textContent = errors
      ? 'Исправьте ошибки (' + errors + ')' : 'Замечания';
    document.querySelector('.answers-status').textContent = errors ? '' : 'Ошибок нет: документ можно скачать.';
    if (showSummary && !summary.hidden) summary.focus();
    return errors === 0;
  }

  // --- Drafts and files ------------------------------------------------------------------------

  function saveDraft() {
    try {
      localStorage.setItem(draftKey, JSON.stringify(collect(form, true)));
      status('Черновик сохранён в этом браузере');
    } catch (e) { /* private mode: no draft */ }
  }

  function status(text) { document.querySelector('.answers-draft').textContent = text; }

  function download(name, blob) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function today() {
    if (window.nkoToday) return window.nkoToday;  // a fixed date, for comparing with `nko form render --now`
    var d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function loadFile(file) {
    file.text().then(function (text) {
      var result = call('nko_read', text, /\.json$/i.test(file.name) || /^\s*[\[{]/.test(text) ? 'json' : 'yaml');
      var message = document.querySelector('.answers-file-error');
      if (result.error) {
        message.hidden = false;
        message.textContent = 'Файл «' + file.name + '» не прочитан: строка ' + result.error.line + ', позиция ' +
          result.error.column + ': ' + result.error.message;
        message.focus();
        return;
      }
      message.hidden = true;
      fill(form, result.answers);
      saveDraft();
      check(true);
    });
  }

  // --- The ODT: the engine's parts in a zip (mimetype first and stored, as ODF requires) ----------

  var crcTable = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function deflate(bytes) {
    if (!window.CompressionStream) return Promise.resolve(null);
    var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function zip(entries, date) {
    var parts = date.split('-').map(Number);
    var dosDate = ((parts[0] - 1980) << 9) | (parts[1] << 5) | parts[2];
    return Promise.all(entries.map(function (entry) {
      var data = encoder.encode(entry[1]);
      return (entry[0] === 'mimetype' ? Promise.resolve(null) : deflate(data)).then(function (packed) {
        return { name: encoder.encode(entry[0]), data: data, packed: packed, crc: crc32(data) };
      });
    })).then(function (files) {
      var chunks = [];
      var central = [];
      var offset = 0;
      files.forEach(function (file) {
        var body = file.packed || file.data;
        var header = new DataView(new ArrayBuffer(30));
        header.setUint32(0, 0x04034b50, true);
        header.setUint16(4, 20, true);
        header.setUint16(8, file.packed ? 8 : 0, true);
        header.setUint16(12, dosDate, true);
        header.setUint32(14, file.crc, true);
        header.setUint32(18, body.length, true);
        header.setUint32(22, file.data.length, true);
        header.setUint16(26, file.name.length, true);
        chunks.push(header.buffer, file.name, body);
        var entry = new DataView(new ArrayBuffer(46));
        entry.setUint32(0, 0x02014b50, true);
        entry.setUint16(4, 20, true);
        entry.setUint16(6, 20, true);
        entry.setUint16(10, file.packed ? 8 : 0, true);
        entry.setUint16(14, dosDate, true);
        entry.setUint32(16, file.crc, true);
        entry.setUint32(20, body.length, true);
        entry.setUint32(24, file.data.length, true);
        entry.setUint16(28, file.name.length, true);
        entry.setUint32(42, offset, true);
        central.push(entry.buffer, file.name);
        offset += 30 + file.name.length + body.length;
      });
      var size = central.reduce(function (sum, part) { return sum + part.byteLength; }, 0);
      var end = new DataView(new ArrayBuffer(22));
      end.setUint32(0, 0x06054b50, true);
      end.setUint16(8, files.length, true);
      end.setUint16(10, files.length, true);
      end.setUint32(12, size, true);
      end.setUint32(16, offset, true);
      return new Blob(chunks.concat(central, [end.buffer]), { type: 'application/vnd.oasis.opendocument.text' });
    });
  }

  // --- The page --------------------------------------------------------------------------------

  function start() {
    form.querySelectorAll('[data-kind="list"]').forEach(function (list) { setRows(list, Number(list.dataset.min) || 0); });
    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(draftKey) || 'null'); } catch (e) { draft = null; }
    if (draft) { fill(form, draft); status('Восстановлен черновик, сохранённый в этом браузере'); }
    form.hidden = false;
    document.querySelector('.answers-tools').hidden = false;
    document.querySelector('.answers-nojs').hidden = true;
    var timer = null;
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { saveDraft(); check(false); }, 400);
    });
    form.addEventListener('change', function (event) {
      var part = event.target.closest('[data-type="money"]');
      if (part) event.target.value = money(event.target.value);
      var field = event.target.closest('[data-kind="value"], [data-kind="choice"]');
      if (field) { touched.add(field); check(false); }
    });
    form.addEventListener('click', function (event) {
      var add = event.target.closest('.answers__add');
      var remove = event.target.closest('.answers__remove');
      if (add) {
        var list = add.closest('[data-kind="list"]');
        var row = addRow(list);
        renumber(list);
        var first = row.querySelector('input, textarea, select');
        if (first) first.focus();
      } else if (remove) {
        var owner = remove.closest('[data-kind="list"]');
        remove.closest('[data-kind="row"]').remove();
        renumber(owner);
        owner.querySelector(':scope > .answers__add').focus();
      } else {
        return;
      }
      saveDraft();
      check(false);
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); check(true); });
    document.querySelector('.answers-summary').addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      event.preventDefault();
      var input = document.getElementById(link.getAttribute('href').slice(1));
      if (input) { input.focus(); input.scrollIntoView({ block: 'center' }); }
    });
    document.querySelector('.answers-odt').addEventListener('click', function () {
      if (!check(true)) return;
      var date = today();
      var result = call('nko_render', JSON.stringify(collect(form)), date, 'odt');
      zip([['mimetype', 'application/vnd.oasis.opendocument.text']].concat(result.parts), date).then(function (blob) {
        download(result.name, blob);
      });
    });
    document.querySelector('.answers-print').addEventListener('click', function () {
      if (!check(true)) return;
      var result = call('nko_render', JSON.stringify(collect(form)), today(), 'html');
      var view = window.open(URL.createObjectURL(new Blob([result.html], { type: 'text/html' })));
      if (!view) download(result.name, new Blob([result.html], { type: 'text/html' }));
    });
    document.querySelector('.answers-save-yaml').addEventListener('click', function () {
      var text = call('nko_yaml', JSON.stringify(collect(form))).yaml;
      download(form.dataset.form + '-ответы.yaml', new Blob([text], { type: 'application/yaml' }));
    });
    document.querySelector('.answers-save-json').addEventListener('click', function () {
      download(form.dataset.form + '-ответы.json', new Blob([JSON.stringify(collect(form), null, 2) + '\n'], { type: 'application/json' }));
    });
    document.querySelector('.answers-load').addEventListener('change', function (event) {
      if (event.target.files[0]) loadFile(event.target.files[0]);
      event.target.value = '';
    });
    document.querySelector('.answers-clear').addEventListener('click', function () {
      if (!window.confirm('Очистить все ответы? Черновик в браузере тоже будет удалён.')) return;
      fill(form, {});
      submitted = false;
      touched.clear();
      try { localStorage.removeItem(draftKey); } catch (e) { /* nothing stored */ }
      status('Ответы очищены');
      check(false);
    });
    check(false);
    // For the page's browser tests: the engine is up, and what the last check found.
    window.nkoForm = { ready: true, problems: function () { return lastProblems; } };
  }
})();
