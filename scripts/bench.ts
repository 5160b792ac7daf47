// The optimizer benchmark lands with the COPA optimizer (see README).
console.log('npm run bench: not yet — the COPA optimizer benchmark is not built yet.');
