// The public face of the demo context: it only loads demo data into a fresh installation.
export { DemoModule } from './demo.module';
