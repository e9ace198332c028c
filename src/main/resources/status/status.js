// The status page: asks /status/data.json every refreshMs (the server says how often) and draws what it answers.
// Everything is written with textContent: a file or campaign name is shown, never interpreted.
(function () {
  'use strict';
  var refreshMs = 2000;
  var rowsChart = null;
  var callsChart = null;

  function $(id) { return document.getElementById(id); }
  function num(n) { return n == null ? '–' : Number(n).toLocaleString('en'); }
  function secs(s) { return s == null ? '–' : Number(s).toFixed(1); }
  function time(iso) { return iso ? new Date(iso).toLocaleString() : '–'; }
  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }
  function fill(tableId, emptyId, items, draw) {
    var body = $(tableId).tBodies[0];
    body.replaceChildren();
    items.forEach(function (item) {
      var row = document.createElement('tr');
      draw(row, item);
      body.appendChild(row);
    });
    $(tableId).hidden = items.length === 0;
    $(emptyId).hidden = items.length !== 0;
  }

  function chart(el, label, series, data) {
    var opts = {
      width: Math.max(300, el.clientWidth), height: 200,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      legend: { show: true },
      series: [{}].concat(series),
      axes: [{}, { size: 60 }]
    };
    var u = new uPlot(opts, data, el);
    u.root.setAttribute('aria-label', label);
    return u;
  }

  function drawRunning(running) {
    $('idle').hidden = running != null;
    $('running').hidden = running == null;
    if (!running) { return; }
    var fields = {
      file: running.file, campaign: running.campaign, rowsRead: num(running.rowsRead),
      rejected: num(running.rejected), uploaded: num(running.uploaded), unchanged: num(running.unchanged),
      withdrawn: num(running.withdrawn), seconds: secs(running.seconds),
      share: Math.round(running.shareRead * 100) + ' %'
    };
    document.querySelectorAll('#running [data-field]').forEach(function (el) {
      el.textContent = fields[el.getAttribute('data-field')];
    });
    $('share').value = running.shareRead;
  }

  function drawRates(rates, quota) {
    var xs = rates.map(function (p) { return p.at; });
    var rows = [xs, rates.map(function (p) { return p.rowsPerSecond; })];
    var perMinute = quota.windowSeconds > 0 ? quota.limit * 60 / quota.windowSeconds : null;
    var calls = [xs, rates.map(function (p) { return p.callsPerMinute; }), xs.map(function () { return perMinute; })];
    if (!rowsChart) {
      rowsChart = chart($('rows-chart'), 'rows a second', [{ label: 'rows/s', stroke: '#8c6bd1', width: 2 }], rows);
      callsChart = chart($('calls-chart'), 'Genesys calls a minute', [
        { label: 'calls/min', stroke: '#0969da', width: 2 },
        { label: 'limit/min', stroke: '#cf222e', dash: [6, 4] }], calls);
    } else {
      rowsChart.setData(rows);
      callsChart.setData(calls);
    }
    $('quota').value = quota.usedShare;
    $('quota-text').textContent = Math.round(quota.usedShare * 100) + ' % of ' + num(quota.limit) + ' requests a '
      + num(quota.windowSeconds) + ' s window';
  }

  function drawRejects(byReason) {
    var reasons = Object.keys(byReason);
    var most = reasons.reduce(function (m, r) { return Math.max(m, byReason[r]); }, 0);
    fill('rejects', 'no-rejects', reasons, function (row, reason) {
      cell(row, reason);
      cell(row, num(byReason[reason]), 'n');
      var bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = Math.max(2, Math.round(200 * byReason[reason] / most)) + 'px';
      cell(row, '').appendChild(bar);
    });
  }

  function draw(data) {
    refreshMs = data.refreshMs || refreshMs;
    drawRunning(data.running);
    drawRates(data.rates, data.quota);
    drawRejects(data.rejectedByReason);
    $('backlog').textContent = num(data.webhooks.backlog);
    $('dead-letters').textContent = num(data.webhooks.deadLetters);
    fill('drops', 'no-drops', data.drops, function (row, d) {
      cell(row, time(d.finishedAt));
      cell(row, d.file);
      cell(row, d.campaign);
      cell(row, d.status, 'status-' + d.status);
      [d.rows, d.accepted, d.rejected, d.withdrawn, d.uploaded, d.unchanged].forEach(function (n) {
        cell(row, num(n), 'n');
      });
      cell(row, secs(d.seconds), 'n');
    });
    fill('campaigns', 'no-campaigns', data.campaigns, function (row, c) {
      cell(row, c.campaign);
      cell(row, c.status || '–', 'status-' + c.status);
      cell(row, time(c.lastSyncAt));
      cell(row, c.lastSyncOutcome || '–', 'status-' + c.lastSyncOutcome);
      cell(row, num(c.pending), 'n');
      cell(row, num(c.applied), 'n');
      cell(row, num(c.drift), 'n');
      cell(row, c.error || '');
    });
    // instances of a shared state (state.jdbc-url): the section shows only when there are some
    $('instances-section').hidden = !data.instances || data.instances.length === 0;
    fill('instances', 'no-instances', data.instances || [], function (row, i) {
      cell(row, i.thisOne ? i.id + ' (this one)' : i.id);
      cell(row, i.host);
      cell(row, time(i.startedAt));
      cell(row, i.silent ? 'silent for ' + num(i.silentSeconds) + ' s' : num(i.silentSeconds) + ' s ago',
        i.silent ? 'status-SILENT' : '');
      cell(row, i.holding.length ? i.holding.join(', ') : 'nothing');
    });
    $('target').textContent = data.target ? 'Target: ' + data.target : 'target not identified yet';
    $('target').className = 'target ' + (!data.target ? 'target-unknown'
      : data.target.indexOf('live: ') === 0 ? 'target-live' : 'target-sandbox');
    document.title = 'Outbound Sync · ' + (data.target || 'status');
    $('updated').textContent = 'updated ' + time(data.at);
    $('updated').className = 'muted';
    // when the page first showed figures (ms since navigation began): what a first load costs, for anyone measuring
    if (!document.body.dataset.firstDrawMs) {
      document.body.dataset.firstDrawMs = String(Math.round(performance.now()));
    }
  }

  function poll() {
    fetch('/status/data.json', { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('status ' + r.status); }
        return r.json();
      })
      .then(draw)
      .catch(function (e) {
        // the process may be restarting: say so on the page, try again at the next tick
        $('updated').textContent = 'no answer from Outbound Sync (' + e.message + '); trying again';
        $('updated').className = 'status-FAILED';
      })
      .finally(function () { setTimeout(poll, refreshMs); });
  }

  window.addEventListener('resize', function () {
    [rowsChart, callsChart].forEach(function (u) {
      if (u) { u.setSize({ width: Math.max(300, u.root.parentNode.clientWidth), height: 200 }); }
    });
  });
  poll();
}());
