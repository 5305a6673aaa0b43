// The survey answer page's entry (answer.html, served for /s/{token}): no React, no antd — a
// phone on a slow connection loads a few kilobytes (scripts/postbuild.mjs checks the budget).
import { start } from './app';
import { tokenOf } from './logic';
import './answer.css';

const root = document.getElementById('answer');
if (root) start(root, tokenOf(window.location));
