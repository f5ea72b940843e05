// The core journeys against a real Superset 6.1.0.
import { describeReleaseJourney } from './release-journey.ts';

describeReleaseJourney('6.1.0');
