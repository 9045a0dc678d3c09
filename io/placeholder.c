/* placeholder */ typedef int ordo__io_placeholder;
