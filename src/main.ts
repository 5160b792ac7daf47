import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');

const app = mount(App, { target });
// Tells the start-up watchdog (public/startup-watchdog.js) that this version works.
target.setAttribute('data-mounted', '');
export default app;
