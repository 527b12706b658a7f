// The benchmark's peer: a minimal WebSocket broadcast server with the Node.js `ws` library, to measure Pulse
// beside. Rooms by a join frame, nothing stored, no auth, permessage-deflate off. Same frames as Pulse:
//   {"req_type":3,"room"}                         -> {"resp_type":3,"event":"joined","room","online":[]}
//   {"req_type":2,"room","text","client_msg_id"}  -> {"resp_type":2,...} to every socket in the room, sender too
// GET /stats answers the process's memory after a full GC (run node with --expose-gc).
// Usage: node --expose-gc peer.js [port]; prints "listening <port>".
'use strict';
const http = require('node:http');
const { WebSocketServer } = require('ws');

const rooms = new Map(); // room -> Set of sockets
const server = http.createServer((req, res) => {
  if (req.url !== '/stats') { res.writeHead(404).end(); return; }
  if (global.gc) global.gc();
  let sockets = 0;
  for (const set of rooms.values()) sockets += set.size;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...process.memoryUsage(), connections: wss.clients.size, joined: sockets }));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: true });

wss.on('connection', (ws) => {
  ws.rooms = new Set();
  ws.on('message', (data) => {
    let m;
    try { m = JSON.parse(data); } catch { return; }
    if (m.req_type === 3 && typeof m.room === 'string') {
      if (!rooms.has(m.room)) rooms.set(m.room, new Set());
      rooms.get(m.room).add(ws);
      ws.rooms.add(m.room);
      ws.send(JSON.stringify({ resp_type: 3, event: 'joined', room: m.room, online: [] }));
    } else if (m.req_type === 2 && ws.rooms.has(m.room)) {
      const frame = JSON.stringify({ resp_type: 2, room: m.room, text: m.text, ts: Date.now(),
        client_msg_id: m.client_msg_id });
      for (const other of rooms.get(m.room)) other.send(frame);
    }
  });
  ws.on('close', () => {
    for (const room of ws.rooms) {
      const set = rooms.get(room);
      set.delete(ws);
      if (set.size === 0) rooms.delete(room);
    }
  });
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', 4096, () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
