/* Debian's compiler-rt for wasm32 (the 128-bit arithmetic of DecimalNumber) was built with the
   stack protector, which wasi-libc does not provide without its own start-up: the guard and the
   failure it calls. */
unsigned long __stack_chk_guard = 0x5a17c0deUL;

void __stack_chk_fail(void) { __builtin_trap(); }
