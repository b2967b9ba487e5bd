# GTKWave script run by scripts/wave: show the whole window.
gtkwave::/Time/Zoom/Zoom_Full
