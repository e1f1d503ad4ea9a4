// Service worker of the companion app: keeps the app shell for offline start, and turns a push (a bare
// wake-up: no user data in it) into a notification that opens the app, which then asks the server.
'use strict';

const CACHE = 'mfa-push-app-v1';
const SHELL = ['./', 'index.html', 'app.js', 'app.css', 'i18n.json', 'manifest.webmanifest', 'icon.svg', 'icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// Network first, so a fixed app reaches users at once; the cache only serves when offline.
// Only the app's own files: the device API is never cached.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true })
    .then((cached) => cached || caches.match('index.html'))));
});

async function texts() {
  try {
    const response = (await caches.match('i18n.json')) || (await fetch('i18n.json'));
    const all = await response.json();
    for (const tag of self.navigator.languages || [self.navigator.language]) {
      const primary = String(tag || '').toLowerCase().split('-')[0];
      if (all[primary]) return all[primary];
    }
    return all.en;
  } catch (e) {
    return { notify_title: 'Sign-in request', notify_body: 'Open the app to approve or deny a sign-in.' };
  }
}

self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    open.forEach((client) => client.postMessage({ type: 'mfa-push-challenge' }));
    const text = await texts();
    await self.registration.showNotification(text.notify_title, {
      body: text.notify_body,
      icon: 'icon-192.png',
      badge: 'icon-192.png',
      tag: 'mfa-push-' + (data.challenge || 'request'),
      renotify: true,
      requireInteraction: true,
      data: { challenge: data.challenge || null },
    });
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const app = open.find((client) => client.url.startsWith(self.registration.scope));
    if (app) {
      app.postMessage({ type: 'mfa-push-challenge' });
      return app.focus();
    }
    return self.clients.openWindow(self.registration.scope);
  })());
});
