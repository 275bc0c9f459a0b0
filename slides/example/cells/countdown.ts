import { sleep, createTask, gather, print } from 'kowakunai';

async function countdown(name: string, from: number) {
  for (let i = from; i > 0; i--) {
    print(`${name}: ${i}`);
    await sleep(0.2);
  }
  return `${name} done`;
}

export default await gather(
  createTask('fast', countdown, 'fast', 2),
  createTask('slow', countdown, 'slow', 4),
);
