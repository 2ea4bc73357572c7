import type { RequestHandler } from 'express';

const LOOPBACK_ADDRESS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/**
 * The simulator can send any event as anyone and move the clock, so it answers only this
 * machine: the client must connect from loopback, and the Host header must name loopback too,
 * which stops a web page elsewhere from reaching it through DNS rebinding.
 */
export function loopbackOnly(): RequestHandler {
  return (req, res, next) => {
    const address = req.socket.remoteAddress ?? '';
    const host = req.headers.host ?? '';
    if (!LOOPBACK_ADDRESS.test(address) || !LOOPBACK_HOST.test(host)) {
      res
        .status(403)
        .json({ code: 'forbidden', message: 'the demo simulator answers only on this machine (127.0.0.1)' });
      return;
    }
    next();
  };
}
